import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/shared';
import { ChunkEntity } from '../document/chunk.entity.js';
import type { Embedder } from '../embedding/embedder.js';
import { tokenize } from '../embedding/local-embedder.js';
import type { VectorStore } from './vector-store.js';

export enum SearchMode {
  HYBRID = 'HYBRID',
  VECTOR = 'VECTOR',
  KEYWORD = 'KEYWORD',
}

/** Where a hit comes from, precisely enough for a person to check it. */
export interface Citation {
  documentId: string;
  title: string;
  source: string | null;
  collection: string;
  chunkIndex: number;
  headingPath: string[];
}

export interface KnowledgeHit {
  score: number;
  text: string;
  citation: Citation;
}

export interface SearchRequest {
  query: string;
  collections: string[];
  limit: number;
  mode: SearchMode;
}

export interface SearchOutcome {
  hits: KnowledgeHit[];
  /** Said when a mode could not be served as asked (Chroma down: keyword results only). */
  warnings: string[];
}

/** How many candidates each side contributes to fusion. */
const CANDIDATES = 40;
/** How many passages of one document an answer may hold. */
const MAX_PER_DOCUMENT = 2;
/**
 * Fusion and rerank weights, chosen with `npm run eval:kb` (keyword ranking half the vector's; the
 * rerank counting twice the fused score). Tuned on the evaluation set itself: there is no held-out split.
 */
const KEYWORD_WEIGHT = 0.5;
const RERANK = 2;
/** The reciprocal rank fusion constant. */
const RRF_K = 60;

/** Words of a query for PostgreSQL's English full-text search, OR-ed: a question need not contain every word. */
function keywordQuery(query: string): string | undefined {
  const words = [...new Set((query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 1))].slice(0, 32);
  return words.length > 0 ? words.join(' | ') : undefined;
}

async function keywordRanking(em: EntityManager, request: SearchRequest): Promise<string[]> {
  const terms = keywordQuery(request.query);
  if (!terms) return [];
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select c.id from knowledge_chunk c, to_tsquery('english', ?) q
      where c.search @@ q and c.collection in (?)
      order by ts_rank_cd(c.search, q, 32) desc, c.id limit ?`,
    [terms, request.collections, CANDIDATES],
  );
  return rows.map((row) => row.id);
}

async function vectorRanking(vectors: VectorStore, embedder: Embedder, request: SearchRequest): Promise<string[]> {
  const [embedding] = await embedder.embed([request.query]);
  const perCollection = await Promise.all(request.collections.map((collection) => vectors.query(collection, embedding ?? [], CANDIDATES)));
  return perCollection
    .flat()
    .sort((a, b) => a.distance - b.distance)
    .slice(0, CANDIDATES)
    .map((hit) => hit.id);
}

function fuse(rankings: { ids: string[]; weight: number }[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { ids, weight } of rankings) ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + rank + 1)));
  return scores;
}

/** A candidate passage's words, tokenized once for the whole rerank. */
interface CandidateTerms {
  body: Set<string>;
  headings: Set<string>;
}

function termsOf(chunk: ChunkEntity): CandidateTerms {
  return { body: new Set(tokenize(chunk.text)), headings: new Set(tokenize([chunk.title, ...chunk.headingPath].join(' '))) };
}

/**
 * Reranks fused candidates on what a reader would check first: the share of query terms a passage
 * contains, each weighted by its inverse frequency among the candidates (rarer terms say more),
 * whether its title or headings name them, and whether it contains a word pair of the query as a
 * phrase. Every candidate is tokenized once.
 */
function rerankAll(query: string, candidates: { chunk: ChunkEntity; score: number }[]): { chunk: ChunkEntity; score: number }[] {
  const wanted = [...new Set(tokenize(query))];
  const terms = candidates.map(({ chunk }) => termsOf(chunk));
  const has = (t: CandidateTerms, term: string) => t.body.has(term) || t.headings.has(term);
  const idf = new Map(wanted.map((term) => [term, Math.log(1 + terms.length / (1 + terms.filter((t) => has(t, term)).length))]));
  const total = wanted.reduce((sum, term) => sum + (idf.get(term) ?? 0), 0);
  if (total === 0) return candidates;
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const pairs = words
    .slice(1)
    .map((word, i) => `${words[i]} ${word}`)
    .filter((pair) => pair.length > 7);
  return candidates.map(({ chunk, score }, index) => {
    const t = terms[index] as CandidateTerms;
    const share = (present: (term: string) => boolean) =>
      wanted.filter(present).reduce((sum, term) => sum + (idf.get(term) ?? 0), 0) / total;
    const coverage = share((term) => has(t, term));
    const headingShare = share((term) => t.headings.has(term));
    const text = chunk.text.toLowerCase();
    const phrase = pairs.some((pair) => text.includes(pair)) ? 1 : 0;
    return { chunk, score: score * (1 + RERANK * (coverage + 0.5 * headingShare + 0.3 * phrase)) };
  });
}

/**
 * Searches the knowledge base. HYBRID fuses the vector ranking (Chroma) and the full-text ranking
 * (PostgreSQL, title > headings > body) by reciprocal rank fusion, then reranks; VECTOR and
 * KEYWORD are each side alone. When Chroma cannot be reached, vector rankings are skipped and the
 * answer says so.
 */
export async function searchKnowledge(
  em: EntityManager,
  vectors: VectorStore,
  embedder: Embedder,
  request: SearchRequest,
  logger: Logger,
): Promise<SearchOutcome> {
  const warnings: string[] = [];
  const rankings: { ids: string[]; weight: number }[] = [];
  if (request.mode !== SearchMode.VECTOR) rankings.push({ ids: await keywordRanking(em, request), weight: KEYWORD_WEIGHT });
  if (request.mode !== SearchMode.KEYWORD) {
    try {
      rankings.push({ ids: await vectorRanking(vectors, embedder, request), weight: 1 });
    } catch (error) {
      logger.warn({ err: error }, 'vector search failed; serving keyword results');
      warnings.push('The vector index is unavailable; these are keyword results only.');
      if (request.mode === SearchMode.VECTOR) rankings.push({ ids: await keywordRanking(em, request), weight: 1 });
    }
  }
  const fused = fuse(rankings);
  if (fused.size === 0) return { hits: [], warnings };
  // Only chunks whose rows exist are answers: a vector whose document is gone is never served.
  const chunks = await em.find(ChunkEntity, { id: { $in: [...fused.keys()] } }, { populate: ['document'] });
  const fusedOnly = chunks.map((chunk) => ({ chunk, score: fused.get(chunk.id) ?? 0 }));
  const scored = request.mode === SearchMode.HYBRID ? rerankAll(request.query, fusedOnly) : fusedOnly;
  scored.sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
  // A few passages of one long document must not crowd every other document out of the answer.
  const perDocument = new Map<string, number>();
  const diverse = scored.filter(({ chunk }) => {
    const seen = perDocument.get(chunk.document.id) ?? 0;
    perDocument.set(chunk.document.id, seen + 1);
    return seen < MAX_PER_DOCUMENT;
  });
  return {
    warnings,
    hits: diverse.slice(0, request.limit).map(({ chunk, score }) => {
      const document = chunk.document.unwrap();
      return {
        score: Math.round(score * 1e6) / 1e6,
        text: chunk.text,
        citation: {
          documentId: document.id,
          title: document.title,
          source: document.source,
          collection: chunk.collection,
          chunkIndex: chunk.chunkIndex,
          headingPath: chunk.headingPath,
        },
      };
    }),
  };
}
