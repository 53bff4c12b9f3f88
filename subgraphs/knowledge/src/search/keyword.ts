import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How many chunks, at most, the OR query of a search is allowed to match by PostgreSQL's estimate.
 * Ranking costs about 10 µs per matched chunk; a question's common words ("company", "foreigner")
 * match most of a large knowledge base and say little about which passage answers it.
 */
const MATCH_BUDGET = 400;
/** How long PostgreSQL's lexeme statistics are reused before they are read again. */
const STATISTICS_MAX_AGE_MS = 60_000;

/** The share of chunks that contain each common lexeme, as PostgreSQL's planner statistics estimate it. */
interface LexemeStatistics {
  chunks: number;
  share: Map<string, number>;
  /** Lexemes missing from `share` occur in fewer chunks than this share. */
  rarerThan: number;
}

/**
 * PostgreSQL's own statistics of the `search` column (ANALYZE keeps the most common lexemes and the
 * share of rows holding each), read at most once a minute. They cost nothing to keep and are as fresh
 * as autovacuum makes them; without them (a table never analysed) no word is dropped.
 */
export class LexemeFrequencies {
  private latest: { at: number; statistics: Promise<LexemeStatistics | undefined> } | undefined;

  get(em: EntityManager): Promise<LexemeStatistics | undefined> {
    if (!this.latest || Date.now() - this.latest.at > STATISTICS_MAX_AGE_MS) {
      const statistics = read(em).catch(() => undefined);
      this.latest = { at: Date.now(), statistics };
    }
    return this.latest.statistics;
  }
}

async function read(em: EntityManager): Promise<LexemeStatistics | undefined> {
  const [row] = await em.getConnection().execute<{ lexemes: string[] | null; shares: number[] | null; chunks: number }[]>(
    `select s.most_common_elems::text::text[] as lexemes, s.most_common_elem_freqs as shares, c.reltuples as chunks
       from pg_stats s join pg_class c on c.oid = 'knowledge_chunk'::regclass
      where s.schemaname = current_schema() and s.tablename = 'knowledge_chunk' and s.attname = 'search'`,
  );
  if (!row?.lexemes || !row.shares || row.chunks <= 0) return undefined;
  // The shares array ends with the smallest share listed, the largest and the share of empty rows.
  const share = new Map(row.lexemes.map((lexeme, i) => [lexeme, row.shares?.[i] ?? 0]));
  return { chunks: row.chunks, share, rarerThan: row.shares[row.lexemes.length] ?? 0 };
}

/**
 * The lexemes of a question worth an OR query: the rarest first, while the chunks they may match
 * stay within the budget. When every lexeme is common, they are AND-ed instead: a passage must hold
 * them all. Returns a tsquery, or undefined when the question has no searchable word.
 */
export function keywordQuery(lexemes: string[], statistics: LexemeStatistics | undefined): string | undefined {
  const unique = [...new Set(lexemes)];
  if (unique.length === 0) return undefined;
  const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (!statistics || statistics.chunks <= MATCH_BUDGET) return unique.map(quote).join(' | ');
  const shareOf = (lexeme: string) => statistics.share.get(lexeme) ?? statistics.rarerThan / 2;
  const kept: string[] = [];
  let expected = 0;
  for (const lexeme of [...unique].sort((a, b) => shareOf(a) - shareOf(b) || a.localeCompare(b))) {
    expected += shareOf(lexeme) * statistics.chunks;
    if (expected > MATCH_BUDGET) break;
    kept.push(lexeme);
  }
  return kept.length > 0 ? kept.map(quote).join(' | ') : unique.map(quote).join(' & ');
}

/** What a keyword search is restricted to. */
export interface KeywordScope {
  /** Collections to search; undefined: all of them. */
  collections: string[] | undefined;
  /** Document metadata every hit must carry; empty: no restriction. */
  metadata: Record<string, string>;
}

/**
 * Chunk ids ranked by PostgreSQL full-text search (title > headings > body), best first. `ts_rank`
 * divided by 1 + log(length) costs a sixth of `ts_rank_cd` per matched chunk and ranks as well on
 * `npm run eval:kb`. The question's words are stemmed by PostgreSQL itself, then thinned by
 * {@link keywordQuery}.
 */
export async function keywordRanking(
  em: EntityManager,
  frequencies: LexemeFrequencies,
  query: string,
  scope: KeywordScope,
  limit: number,
): Promise<string[]> {
  const connection = em.getConnection();
  const [lexemeRows, statistics] = await Promise.all([
    connection.execute<{ lexeme: string }[]>(`select lexeme from unnest(to_tsvector('english', ?))`, [query.slice(0, 2000)]),
    frequencies.get(em),
  ]);
  const tsquery = keywordQuery(
    lexemeRows.map((row) => row.lexeme),
    statistics,
  );
  if (!tsquery) return [];
  const filters: string[] = [];
  const parameters: unknown[] = [tsquery];
  if (scope.collections) {
    filters.push('and c.collection in (?)');
    parameters.push(scope.collections);
  }
  const filtered = Object.keys(scope.metadata).length > 0;
  if (filtered) {
    filters.push('and d.metadata @> ?::jsonb');
    parameters.push(JSON.stringify(scope.metadata));
  }
  const rows = await connection.execute<{ id: string }[]>(
    `select c.id from (select ?::tsquery as q) t, knowledge_chunk c ${filtered ? 'join knowledge_document d on d.id = c.document_id' : ''}
      where c.search @@ t.q ${filters.join(' ')}
      order by ts_rank(c.search, t.q, 1) desc, c.id limit ?`,
    [...parameters, limit],
  );
  return rows.map((row) => row.id);
}
