import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, RecordReader, rowsOf } from '@nusa/subgraph';
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

/**
 * A Relay page of clients, newest first, keyset-paginated on (createdAt, id). Read as records
 * with SQL of its own (a statement text per kind of filter, prepared once per connection): a page
 * is read, never changed, so neither an entity nor a query builder is made for it.
 */
export async function clientPage(
  em: EntityManager,
  first: number | null | undefined,
  after: string | null | undefined,
  filter: ClientFilter | null | undefined,
): Promise<ClientConnection> {
  const size = pageSize(first, 20);
  const reader = RecordReader.of(em, ClientEntity);
  const { clauses, params } = conditionsOf(filter);
  const totalCount = async () => {
    const [row] = await rowsOf(em, `select count(*) as "count" from "client"${whereOf(clauses)}`, params);
    return Number(row?.count ?? 0);
  };
  const pageClauses = [...clauses];
  const pageParams = [...params];
  if (after) {
    const { createdAt, id } = decodeCreatedAtCursor(CURSOR_KIND, after);
    pageClauses.push('("client"."created_at", "client"."id") < (?, ?)');
    pageParams.push(createdAt, id);
  }
  const records = await reader.read(
    em,
    `select ${reader.select} from "client"${whereOf(pageClauses)} order by "client"."created_at" desc, "client"."id" desc limit ?`,
    [...pageParams, size + 1],
  );
  return connectionOf(records, size, (client) => createdAtCursor(CURSOR_KIND, client), { after, totalCount });
}
