import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/platform';
import { rowsOf } from '@nusa/subgraph';

/**
 * How many chunks, at most, the OR query of a search is allowed to match by PostgreSQL's estimate.
 * Ranking costs one `ts_rank` per matched chunk and ranking term (about 10 µs per chunk when it was
 * one `ts_rank` of the whole query; not measured at scale since the idf weighting); a question's
 * common words ("company", "foreigner") match most of a large knowledge base and say little about
 * which passage answers it.
 */
const MATCH_BUDGET = 400;
/** Vocabulary terms a question is expanded with, at most (a question naming many concepts keeps the first ones). */
const MAX_EXPANSIONS = 48;
/** The terms a passage is ranked on, at most: the rarest ones (ranking costs one `ts_rank` per term and matched chunk). */
const MAX_RANKING_TERMS = 32;
/**
 * How much a vocabulary term counts against the question's own words in the ranking (0.5 against 1:
 * dev KEYWORD r@1 56.8 % against 50.8 %, HYBRID r@5 the same): a synonym is evidence, a little weaker.
 */
const EXPANSION_WEIGHT = 0.5;
/** How long PostgreSQL's lexeme statistics are reused before they are read again. */
const STATISTICS_MAX_AGE_MS = 60_000;
/** Statistics taken when the table was less than half its size are refreshed, at most this often. */
const ANALYZE_INTERVAL_MS = 300_000;

/** The share of chunks that contain each common lexeme, as PostgreSQL's planner statistics estimate it. */
interface LexemeStatistics {
  chunks: number;
  share: Map<string, number>;
  /** Lexemes missing from `share` occur in fewer chunks than this share. */
  rarerThan: number;
}

interface StatisticsRow {
  lexemes: string[] | null;
  shares: number[] | null;
  /** Rows when the statistics were taken; -1 when never. */
  analysed: number;
  /** Rows now, estimated as the planner does: the analysed density times the table's current pages. */
  chunks: number;
}

/**
 * PostgreSQL's own statistics of the `search` column (ANALYZE keeps the most common lexemes and the
 * share of rows holding each), read at most once a minute. They cost nothing to keep and are as fresh
 * as autovacuum makes them; after a bulk load that outran autovacuum, this asks for an ANALYZE in the
 * background. Without statistics (a table never analysed) no word is dropped.
 */
export class LexemeFrequencies {
  private latest: { at: number; statistics: Promise<LexemeStatistics | undefined> } | undefined;
  private analysedAt = 0;

  constructor(private readonly logger?: Logger) {}

  get(em: EntityManager): Promise<LexemeStatistics | undefined> {
    if (!this.latest || Date.now() - this.latest.at > STATISTICS_MAX_AGE_MS) {
      const statistics = this.read(em).catch((error: unknown) => {
        // Searching without thinning the query is slower, not wrong; the next search reads them again.
        this.logger?.warn({ err: error }, 'could not read the full-text statistics');
        this.latest = undefined;
        return undefined;
      });
      this.latest = { at: Date.now(), statistics };
    }
    return this.latest.statistics;
  }

  private async read(em: EntityManager): Promise<LexemeStatistics | undefined> {
    const [row] = await em.getConnection().execute<StatisticsRow[]>(
      `select s.most_common_elems::text::text[] as lexemes, s.most_common_elem_freqs as shares, c.reltuples as analysed,
              case when c.relpages > 0 then c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int)
                   else c.reltuples end as chunks
         from pg_class c
         left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'knowledge_chunk' and s.attname = 'search'
        where c.oid = 'knowledge_chunk'::regclass`,
    );
    if (row && (row.analysed < 0 || row.chunks > 2 * row.analysed + MATCH_BUDGET)) this.analyse(em);
    if (!row?.lexemes || !row.shares || row.chunks <= 0) return undefined;
    // The shares array ends with the smallest share listed, the largest and the share of empty rows.
    const share = new Map(row.lexemes.map((lexeme, i) => [lexeme, row.shares?.[i] ?? 0]));
    return { chunks: row.chunks, share, rarerThan: row.shares[row.lexemes.length] ?? 0 };
  }

  /** ANALYZE samples at most 30,000 rows, so it stays well under a second at any size; it runs beside searches. */
  private analyse(em: EntityManager): void {
    if (Date.now() - this.analysedAt < ANALYZE_INTERVAL_MS) return;
    this.analysedAt = Date.now();
    em.getConnection()
      .execute('analyze knowledge_chunk')
      .then(
        () => {
          this.latest = undefined;
        },
        (error: unknown) => this.logger?.warn({ err: error }, 'could not refresh the full-text statistics'),
      );
  }
}

/** A vocabulary term the question is also searched for, as PostgreSQL parsed it: a phrase tsquery and its lexemes. */
export interface ExpansionQuery {
  query: string;
  lexemes: string[];
}

/** A lexeme as a tsquery operand, quoted so that none can change the query. */
const quoted = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The lexemes of a question worth an OR query: the rarest first, while the chunks they may match
 * stay within the budget. Vocabulary expansions (phrases) compete for the same budget, each
 * estimated by its rarest lexeme. When every lexeme is common, the question's own lexemes are
 * AND-ed instead: a passage must hold them all. Returns a tsquery, or undefined when the question
 * has no searchable word.
 */
export function keywordQuery(
  lexemes: string[],
  statistics: LexemeStatistics | undefined,
  expansions: ExpansionQuery[] = [],
): string | undefined {
  const unique = [...new Set(lexemes)];
  const phrases = [...new Map(expansions.filter((e) => e.query && e.lexemes.length > 0).map((e) => [e.query, e])).values()];
  if (unique.length === 0 && phrases.length === 0) return undefined;
  const units = [
    ...unique.map((lexeme) => ({ text: quoted(lexeme), lexemes: [lexeme] })),
    ...phrases.map((phrase) => ({ text: `(${phrase.query})`, lexemes: phrase.lexemes })),
  ];
  if (!statistics || statistics.chunks <= MATCH_BUDGET) return units.map((unit) => unit.text).join(' | ');
  const shareOf = (lexeme: string) => statistics.share.get(lexeme) ?? statistics.rarerThan / 2;
  const unitShare = (unit: { lexemes: string[] }) => Math.min(...unit.lexemes.map(shareOf));
  const kept: string[] = [];
  let expected = 0;
  for (const unit of [...units].sort((a, b) => unitShare(a) - unitShare(b) || a.text.localeCompare(b.text))) {
    expected += unitShare(unit) * statistics.chunks;
    if (expected > MATCH_BUDGET) break;
    kept.push(unit.text);
  }
  if (kept.length > 0) return kept.join(' | ');
  return unique.length > 0 ? unique.map(quoted).join(' & ') : undefined;
}

/** A term a passage is ranked on: a tsquery (one lexeme, or a vocabulary phrase) and its weight. */
export interface RankingTerm {
  query: string;
  weight: number;
}

/**
 * What the matched passages are ranked on: each lexeme of the question, and each vocabulary phrase
 * (at {@link EXPANSION_WEIGHT}), weighted by its inverse document frequency, ln(1 / share of chunks
 * holding it), as PostgreSQL's statistics estimate it (a phrase by its rarest lexeme). `ts_rank`
 * alone knows no document frequency: a passage full of "company" and "foreign" outranked one naming
 * the rare word asked about. Without statistics every term weighs the same. The rarest
 * {@link MAX_RANKING_TERMS} are kept.
 */
export function rankingTerms(
  lexemes: string[],
  statistics: LexemeStatistics | undefined,
  expansions: ExpansionQuery[] = [],
): RankingTerm[] {
  const shareOf = (lexeme: string) => (statistics ? (statistics.share.get(lexeme) ?? statistics.rarerThan / 2) : 0);
  const idf = (share: number) => (statistics ? Math.log(1 / Math.min(Math.max(share, 1e-6), 1)) : 1);
  const terms = [...new Set(lexemes)].map((lexeme) => ({ query: quoted(lexeme), weight: idf(shareOf(lexeme)) }));
  const seen = new Set(terms.map((term) => term.query));
  for (const expansion of expansions) {
    if (!expansion.query || expansion.lexemes.length === 0 || seen.has(expansion.query)) continue;
    seen.add(expansion.query);
    terms.push({ query: expansion.query, weight: EXPANSION_WEIGHT * idf(Math.min(...expansion.lexemes.map(shareOf))) });
  }
  // Words in every chunk weigh nothing; when all of them do, they are ranked on alike.
  const telling = terms.some((term) => term.weight > 0)
    ? terms.filter((term) => term.weight > 0)
    : terms.map((term) => ({ ...term, weight: 1 }));
  return telling.sort((a, b) => b.weight - a.weight || a.query.localeCompare(b.query)).slice(0, MAX_RANKING_TERMS);
}

/** What a keyword search is restricted to. */
export interface KeywordScope {
  /** Collections to search; undefined: all of them. */
  collections: string[] | undefined;
  /** Document metadata every hit must carry; empty: no restriction. */
  metadata: Record<string, string>;
}

/**
 * Chunk ids ranked by PostgreSQL full-text search (title > headings > body), best first. The
 * question's words, and the vocabulary terms it is expanded with, are stemmed by PostgreSQL itself,
 * then thinned by {@link keywordQuery} to find the matching chunks, which are ranked by the sum of
 * each {@link rankingTerms} term's `ts_rank` times its weight (a BM25-like idf weighting; not
 * divided by the chunk's length, which chunking already bounds: dev KEYWORD r@1 56.8 % against
 * 43.2 % with the division, 37.1 % before the weighting).
 */
export async function keywordRanking(
  em: EntityManager,
  frequencies: LexemeFrequencies,
  query: string,
  scope: KeywordScope,
  limit: number,
  expansions: string[] = [],
): Promise<string[]> {
  // The question first, then each vocabulary term: PostgreSQL stems them all in one statement. Both
  // statements are prepared once per connection (their texts do not change with the question).
  const texts = [query.slice(0, 2000), ...expansions.slice(0, MAX_EXPANSIONS)];
  const [parsed, statistics] = await Promise.all([
    rowsOf(
      em,
      `select t.i, phraseto_tsquery('english', t.text)::text as query,
              array(select lexeme from unnest(to_tsvector('english', t.text))) as lexemes
         from unnest(?::text[]) with ordinality as t(text, i) order by t.i`,
      [texts],
    ) as Promise<{ i: string; query: string; lexemes: string[] }[]>,
    frequencies.get(em),
  ]);
  const [question, ...terms] = parsed;
  const tsquery = keywordQuery(question?.lexemes ?? [], statistics, terms);
  if (!tsquery) return [];
  const ranking = rankingTerms(question?.lexemes ?? [], statistics, terms);
  const filters: string[] = [];
  const parameters: unknown[] = [ranking.map((term) => term.query), ranking.map((term) => term.weight), tsquery];
  if (scope.collections) {
    filters.push('and c.collection = any(?::text[])');
    parameters.push(scope.collections);
  }
  const filtered = Object.keys(scope.metadata).length > 0;
  if (filtered) {
    filters.push('and d.metadata @> ?::jsonb');
    parameters.push(JSON.stringify(scope.metadata));
  }
  // The terms are parsed once (a materialised CTE), not once per matched chunk.
  const rows = await rowsOf(
    em,
    `with r as materialized (select x.q::tsquery as q, x.w from unnest(?::text[], ?::float8[]) as x(q, w))
     select c.id from (select ?::tsquery as q) t, knowledge_chunk c ${filtered ? 'join knowledge_document d on d.id = c.document_id' : ''}
      where c.search @@ t.q ${filters.join(' ')}
      order by (select coalesce(sum(ts_rank(c.search, r.q) * r.w), 0) from r) desc, c.id limit ?`,
    [...parameters, limit],
  );
  return rows.map((row) => row.id as string);
}
