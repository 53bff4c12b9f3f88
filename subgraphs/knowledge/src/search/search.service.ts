import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/platform';
import { rowsOf, type CitationRecord } from '@nusa/subgraph';
import { DEFAULT_REVIEW_AFTER_DAYS, NEEDS_REVIEW_SQL } from '../document/freshness.js';
import { keywordRanking, type LexemeFrequencies } from './keyword-ranking.js';
import { rerank, RERANK_WEIGHTS, type RerankWeights } from './rerank.js';
import { vectorRanking, type VectorSearchDependencies } from './vector-ranking.js';
import { domainVocabulary, type Vocabulary } from './vocabulary.js';

export enum SearchMode {
  HYBRID = 'HYBRID',
  VECTOR = 'VECTOR',
  KEYWORD = 'KEYWORD',
}

export interface KnowledgeHit {
  score: number;
  text: string;
  /** Where the hit comes from, precisely enough for a person to check it. */
  citation: CitationRecord;
}

export interface SearchRequest {
  query: string;
  /** The collections to search, sorted; undefined: every collection. */
  collections: string[] | undefined;
  /** Document metadata every hit must carry (all entries); empty: no restriction. */
  metadata: Record<string, string>;
  limit: number;
  mode: SearchMode;
}

export interface SearchOutcome {
  hits: KnowledgeHit[];
  /** Said when a mode could not be served as asked (Chroma or the embedding provider down: keyword results only). */
  warnings: string[];
}

/** What a search reads from. */
export interface SearchDependencies extends VectorSearchDependencies {
  em: EntityManager;
  frequencies: LexemeFrequencies;
  logger: Logger;
  /** The domain vocabulary the keyword side and the rerank expand questions with. Default: `seed/vocabulary.txt`. */
  vocabulary?: Vocabulary;
  /** The fusion and rerank weights. Default: {@link SEARCH_WEIGHTS}; the evaluation varies them to tune on its dev split. */
  weights?: SearchWeights;
  /** A document not checked for this many days is cited as stale. Default: {@link DEFAULT_REVIEW_AFTER_DAYS}. */
  reviewAfterDays?: number;
}

/** How the two rankings are fused and the result reranked. */
export interface SearchWeights {
  /** The keyword ranking's weight in reciprocal rank fusion, the vector ranking's being 1. */
  keyword: number;
  rerank: RerankWeights;
}

/**
 * How many candidates each side contributes to fusion and the rerank. Chosen on the dev split once the
 * keyword side weighed terms by idf: 40 / 50 / 60 / 70 gave HYBRID r@1 69.7 / 70.5 / 72.0 / 69.7 %,
 * MRR 0.785 / 0.793 / 0.803 / 0.791 (80: no better); the rerank costs about 10 % more CPU than at 40.
 */
const CANDIDATES = 60;
/** How many passages of one document an answer may hold (3 against 2: dev recall@5 85.6 % against 83.3 %, recall@1 the same). */
const MAX_PER_DOCUMENT = 3;
/** Chosen with `npm run eval:kb -- --tune` on the evaluation's dev split (see bench/RESULTS.md). */
export const SEARCH_WEIGHTS: SearchWeights = { keyword: 1.5, rerank: RERANK_WEIGHTS };
/** The reciprocal rank fusion constant. */
const RRF_K = 60;

/** A chunk as a search answers with it: its id and text, and where it comes from. */
type Passage = CitationRecord & { id: string; text: string; lastCheckedAt: Date; stale: boolean };

function fuse(rankings: { ids: string[]; weight: number }[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { ids, weight } of rankings) ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + rank + 1)));
  return scores;
}

const PASSAGE_COLUMNS = `c.id, c.document_id as "documentId", c.title, d.source, c.collection, c.chunk_index as "chunkIndex",
            array_to_json(c.heading_path) as "headingPath", c.text, d.last_checked_at as "lastCheckedAt", ${NEEDS_REVIEW_SQL} as stale`;

/**
 * The passages of `ids` whose rows exist: a vector whose document is gone is never served. One
 * statement text whatever the ids (an array parameter), prepared once per connection.
 */
async function passages(em: EntityManager, ids: string[], reviewAfterDays: number): Promise<Passage[]> {
  return (await rowsOf(
    em,
    `select ${PASSAGE_COLUMNS} from knowledge_chunk c join knowledge_document d on d.id = c.document_id where c.id = any(?::uuid[])`,
    [reviewAfterDays, ids],
  )) as Passage[];
}

/** At most {@link MAX_PER_DOCUMENT} passages of one document, so a long one cannot crowd the others out. */
function diverse<T extends { passage: Passage }>(scored: T[]): T[] {
  const perDocument = new Map<string, number>();
  return scored.filter(({ passage }) => {
    const seen = perDocument.get(passage.documentId) ?? 0;
    perDocument.set(passage.documentId, seen + 1);
    return seen < MAX_PER_DOCUMENT;
  });
}

/**
 * Searches the knowledge base. HYBRID fuses the vector ranking (Chroma) and the full-text ranking
 * (PostgreSQL, title > headings > body) by reciprocal rank fusion, then reranks; VECTOR and
 * KEYWORD are each side alone. Both sides run at once. When the vectors cannot be searched, the
 * answer holds keyword results and says so.
 */
export async function searchKnowledge(dependencies: SearchDependencies, request: SearchRequest): Promise<SearchOutcome> {
  const { em, logger, frequencies } = dependencies;
  const vocabulary = dependencies.vocabulary ?? domainVocabulary();
  const weights = dependencies.weights ?? SEARCH_WEIGHTS;
  const warnings: string[] = [];
  const scope = { collections: request.collections, metadata: request.metadata };
  const concepts = vocabulary.concepts(request.query);
  const expansions = concepts.flatMap((concept) => concept.others);
  const keyword = () => keywordRanking(em, frequencies, request.query, scope, CANDIDATES, expansions);
  const [keywordIds, vector] = await Promise.all([
    request.mode === SearchMode.VECTOR ? undefined : keyword(),
    request.mode === SearchMode.KEYWORD ? undefined : vectorRanking(dependencies, request.query, scope, CANDIDATES),
  ]);
  const rankings: { ids: string[]; weight: number }[] = [];
  if (keywordIds) rankings.push({ ids: keywordIds, weight: weights.keyword });
  if (vector && 'ids' in vector) rankings.push({ ids: vector.ids, weight: 1 });
  if (vector && 'unavailable' in vector) {
    logger.warn({ err: vector.error }, 'vector search failed; serving keyword results');
    warnings.push(vector.unavailable);
    if (request.mode === SearchMode.VECTOR) rankings.push({ ids: await keyword(), weight: 1 });
  }
  const fused = fuse(rankings);
  if (fused.size === 0) return { hits: [], warnings };
  const candidates = (await passages(em, [...fused.keys()], dependencies.reviewAfterDays ?? DEFAULT_REVIEW_AFTER_DAYS)).map((passage) => ({
    passage,
    score: fused.get(passage.id) ?? 0,
  }));
  const scored = request.mode === SearchMode.HYBRID ? rerank(request.query, candidates, vocabulary, weights.rerank) : candidates;
  scored.sort((a, b) => b.score - a.score || a.passage.id.localeCompare(b.passage.id));
  return {
    warnings,
    hits: diverse(scored)
      .slice(0, request.limit)
      .map(({ passage, score }) => ({
        score: Math.round(score * 1e6) / 1e6,
        text: passage.text,
        citation: {
          documentId: passage.documentId,
          title: passage.title,
          source: passage.source,
          collection: passage.collection,
          chunkIndex: passage.chunkIndex,
          headingPath: passage.headingPath,
          lastCheckedAt: new Date(passage.lastCheckedAt),
          stale: passage.stale,
        },
      })),
  };
}
