import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import { decodeCursor, encodeCursor, isUuid, pageSize } from '@nusa/subgraph';
import { ClientEntity } from './client.entity.js';
import type { ClientFilter } from './client.input.js';
import type { ClientConnection } from './client.type.js';

const CURSOR_KIND = 'Client';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function filtered(em: EntityManager, filter: ClientFilter | null | undefined) {
  const qb = em.createQueryBuilder(ClientEntity, 'c');
  const search = filter?.search?.trim();
  if (search) {
    qb.andWhere('(c.full_name ilike ? or c.email ilike ?)', [likePattern(search), likePattern(search)]);
  }
  if (filter?.status) qb.andWhere({ status: filter.status });
  if (filter?.nationality) qb.andWhere({ nationality: filter.nationality });
  if (filter?.practiceType) {
    qb.andWhere('exists (select 1 from practice p where p.client_id = c.id and p.type = ?)', [filter.practiceType]);
  }
  if (filter?.practiceStatus) {
    qb.andWhere('exists (select 1 from practice p where p.client_id = c.id and p.status = ?)', [filter.practiceStatus]);
  }
  return qb;
}

function cursorOf(client: ClientEntity): string {
  return encodeCursor(CURSOR_KIND, [client.createdAt.toISOString(), client.id]);
}

/** A Relay page of clients, newest first, keyset-paginated on (createdAt, id). */
export async function clientPage(
  em: EntityManager,
  first: number | null | undefined,
  after: string | null | undefined,
  filter: ClientFilter | null | undefined,
): Promise<ClientConnection> {
  const size = pageSize(first, 20);
  const page = filtered(em, filter);
  if (after) {
    const [createdAt = '', id = ''] = decodeCursor(CURSOR_KIND, after, 2);
    if (Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) throw badUserInput('after', 'is not a cursor of this list');
    page.andWhere('(c.created_at, c.id) < (?, ?)', [createdAt, id]);
  }
  const [rows, totalCount] = await Promise.all([
    page
      .orderBy({ createdAt: 'desc', id: 'desc' })
      .limit(size + 1)
      .getResultList(),
    filtered(em.fork(), filter).getCount(),
  ]);
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
