import type { EntityManager } from '@mikro-orm/postgresql';
import {
  connectionOf,
  createdAtCursor,
  decodeCreatedAtCursor,
  pageSize,
  RecordReader,
  rowsOf,
  type GroupedRecordsLoader,
} from '@nusa/subgraph';
import type { PracticeEntity } from '../practice/practice.entity.js';
import { ClientEntity } from './client.entity.js';
import type { ClientFilter } from './client.input.js';
import type { ClientConnection } from './client.type.js';

const CURSOR_KIND = 'Client';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The condition that a client has a practice whose `column` holds the parameter. */
const hasPractice = (column: 'type' | 'status') =>
  `exists (select 1 from "practice" "p" where "p"."client_id" = "client"."id" and "p"."${column}" = ?)`;

/** A filter's conditions on the `client` table (`?` placeholders) and their parameters. */
function conditionsOf(filter: ClientFilter | null | undefined): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const where = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  const search = filter?.search?.trim();
  if (search) where('("client"."full_name" ilike ? or "client"."email" ilike ?)', likePattern(search), likePattern(search));
  if (filter?.status) where('"client"."status" = ?', filter.status);
  if (filter?.nationality) where('"client"."nationality" = ?', filter.nationality);
  if (filter?.practiceType) where(hasPractice('type'), filter.practiceType);
  if (filter?.practiceStatus) where(hasPractice('status'), filter.practiceStatus);
  return { clauses, params };
}

const whereOf = (clauses: string[]) => (clauses.length > 0 ? ` where ${clauses.join(' and ')}` : '');

/** What a page of clients reads in its own statement besides the clients, as the query asks. */
export interface PageReads {
  /** The count of every matching client (the query asks for totalCount), as a column of each row. */
  counted: boolean;
  /**
   * The loader of each client's practices (the query asks for practices): they are read beside the
   * page (with what the loader joins to them, their assignees) and primed into it, so their field
   * resolvers answer at once, with no statement of their own.
   */
  practices?: GroupedRecordsLoader<PracticeEntity>;
}

/**
 * A Relay page of clients, newest first, keyset-paginated on (createdAt, id). Read as records
 * with SQL of its own (a statement text per kind of filter and of {@link PageReads}, prepared once
 * per connection): a page is read, never changed, so neither an entity nor a query builder is made
 * for it. Whatever it reads besides, it is one statement: only a page with no row at all counts in
 * a statement of its own.
 */
export async function clientPage(
  em: EntityManager,
  first: number | null | undefined,
  after: string | null | undefined,
  filter: ClientFilter | null | undefined,
  reads: PageReads = { counted: true },
): Promise<ClientConnection> {
  const size = pageSize(first, 20);
  const reader = RecordReader.of(em, ClientEntity);
  const { clauses, params } = conditionsOf(filter);
  const countSql = `select count(*) as "count" from "client"${whereOf(clauses)}`;
  const pageClauses = [...clauses];
  const pageParams = [...params];
  if (after) {
    const { createdAt, id } = decodeCreatedAtCursor(CURSOR_KIND, after);
    pageClauses.push('("client"."created_at", "client"."id") < (?, ?)');
    pageParams.push(createdAt, id);
  }
  const newestFirst = '"client"."created_at" desc, "client"."id" desc';
  const page = `select ${reader.select}${reads.counted ? `, (${countSql}) as "__total"` : ''} from "client"${whereOf(pageClauses)}
      order by ${newestFirst} limit ?`;
  // With practices, a row per practice (one for a client without any), in the loader's order within each client.
  const along = reads.practices?.along('client');
  const sql = along
    ? `select "client".*, ${along.select} from (${page}) "client"${along.joins} order by ${newestFirst}, ${along.orderBy}`
    : page;
  const rows = await rowsOf(em, sql, [...(reads.counted ? params : []), ...pageParams, size + 1]);
  reads.practices?.primeAlong(rows, 'id');
  // One record per client, in the page's order (a client with several practices has a row for each).
  const records = [...new Map(rows.map((row) => [row.id as string, row])).values()].map((row) => reader.record(row));
  const [firstRow] = rows;
  const totalCount = async () => {
    if (reads.counted && firstRow) return Number(firstRow.__total);
    const [row] = await rowsOf(em, countSql, params);
    return Number(row?.count ?? 0);
  };
  return connectionOf(records, size, (client) => createdAtCursor(CURSOR_KIND, client), { after, totalCount });
}
