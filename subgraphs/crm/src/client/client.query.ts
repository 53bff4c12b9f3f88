import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, RecordReader, rowsOf } from '@nusa/subgraph';
import { ClientEntity } from './client.entity.js';
import type { ClientFilter } from './client.input.js';
import type { ClientConnection } from './client.type.js';

const CURSOR_KIND = 'Client';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** A filter's conditions on the `client` table (`?` placeholders) and their parameters. */
function conditionsOf(filter: ClientFilter | null | undefined): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const search = filter?.search?.trim();
  if (search) {
    clauses.push('("client"."full_name" ilike ? or "client"."email" ilike ?)');
    params.push(likePattern(search), likePattern(search));
  }
  if (filter?.status) {
    clauses.push('"client"."status" = ?');
    params.push(filter.status);
  }
  if (filter?.nationality) {
    clauses.push('"client"."nationality" = ?');
    params.push(filter.nationality);
  }
  if (filter?.practiceType) {
    clauses.push('exists (select 1 from "practice" "p" where "p"."client_id" = "client"."id" and "p"."type" = ?)');
    params.push(filter.practiceType);
  }
  if (filter?.practiceStatus) {
    clauses.push('exists (select 1 from "practice" "p" where "p"."client_id" = "client"."id" and "p"."status" = ?)');
    params.push(filter.practiceStatus);
  }
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
