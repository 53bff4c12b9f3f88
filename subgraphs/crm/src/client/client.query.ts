import type { EntityManager } from '@mikro-orm/postgresql';
import type { Dictionary } from '@mikro-orm/core';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, RecordReader } from '@nusa/subgraph';
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
    const { createdAt, id } = decodeCreatedAtCursor(CURSOR_KIND, after);
    page.andWhere('(c.created_at, c.id) < (?, ?)', [createdAt, id]);
  }
  // Raw rows turned into records: a page is read, never changed, so no entity is built for it.
  const rows = await page
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .limit(size + 1)
    .execute<Dictionary[]>('all', false);
  const reader = RecordReader.of(em, ClientEntity);
  return connectionOf(
    rows.map((row) => reader.record(row)),
    size,
    (client) => createdAtCursor(CURSOR_KIND, client),
    { after, totalCount: () => filtered(em.fork(), filter).getCount() },
  );
}
