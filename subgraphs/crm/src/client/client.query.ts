import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, RecordReader, rowsOf, type RecordsLoader } from '@nusa/subgraph';
import type { ClientRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
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
   * Each client's practices, newest first, with their assignees (the query asks for practices),
   * primed into these loaders: their field resolvers answer at once, with no statement of their own.
   */
  practices?: {
    byClient: RecordsLoader<string, PracticeRecord[]>;
    members: RecordsLoader<string, TeamMemberRecord | undefined>;
  };
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
  const practices = RecordReader.of(em, PracticeEntity);
  const members = RecordReader.of(em, TeamMemberEntity);
  // With practices, a row per practice (one for a client without any), its assignee beside it.
  const sql = reads.practices
    ? `select "client".*, ${practices.selectAs('p', 'p_')}, ${members.selectAs('m', 'm_')} from (${page}) "client"
        left join "practice" "p" on "p"."client_id" = "client"."id"
        left join "team_member" "m" on "m"."id" = "p"."assignee_id"
        order by ${newestFirst}, "p"."created_at" desc, "p"."id" desc`
    : page;
  const rows = await rowsOf(em, sql, [...(reads.counted ? params : []), ...pageParams, size + 1]);
  const records: ClientRecord[] = [];
  const practicesOf = new Map<string, PracticeRecord[]>();
  for (const row of rows) {
    let list = practicesOf.get(row.id as string);
    if (!list) {
      list = [];
      practicesOf.set(row.id as string, list);
      records.push(reader.record(row));
    }
    if (!reads.practices) continue;
    const practice = practices.recordAs(row, 'p_');
    if (practice) list.push(practice);
    const assignee = members.recordAs(row, 'm_');
    if (assignee) reads.practices.members.prime(assignee.id, assignee);
  }
  if (reads.practices) for (const [clientId, list] of practicesOf) reads.practices.byClient.prime(clientId, list);
  const [firstRow] = rows;
  const totalCount = async () => {
    if (reads.counted && firstRow) return Number(firstRow.__total);
    const [row] = await rowsOf(em, countSql, params);
    return Number(row?.count ?? 0);
  };
  return connectionOf(records, size, (client) => createdAtCursor(CURSOR_KIND, client), { after, totalCount });
}
