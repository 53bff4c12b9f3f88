import type { Dictionary } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@nusa/platform';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, parseId, RecordReader, type Connection } from '@nusa/subgraph';
import type { PracticeRecord } from '../loaders.js';
import { PracticeEntity } from './practice.entity.js';
import type { PracticeFilter } from './practice.input.js';
import { CLOSED_STATUSES } from './practice.workflow.js';

const CURSOR_KIND = 'Practice';

function filtered(em: EntityManager, caller: Caller, filter: PracticeFilter | null | undefined) {
  const qb = em.createQueryBuilder(PracticeEntity, 'p');
  if (filter?.assigneeId) qb.andWhere({ assignee: parseId(filter.assigneeId, 'filter.assigneeId') });
  // An API key is nobody's assignee: "assigned to me" is an empty list for it, not every practice.
  if (filter?.assignedToMe) {
    if (caller.kind === 'member') qb.andWhere({ assignee: caller.id });
    else qb.andWhere('1 = 0');
  }
  if (filter?.statuses) qb.andWhere({ status: { $in: filter.statuses } });
  if (filter?.open === true) qb.andWhere({ status: { $nin: [...CLOSED_STATUSES] } });
  if (filter?.open === false) qb.andWhere({ status: { $in: [...CLOSED_STATUSES] } });
  if (filter?.type) qb.andWhere({ type: filter.type });
  if (filter?.clientId) qb.andWhere({ client: parseId(filter.clientId, 'filter.clientId') });
  return qb;
}

/** A Relay page of practices, newest first, keyset-paginated on (createdAt, id). */
export async function practicePage(
  em: EntityManager,
  caller: Caller,
  filter: PracticeFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<PracticeRecord>> {
  const size = pageSize(first, 20);
  const page = filtered(em, caller, filter);
  if (after) {
    const { createdAt, id } = decodeCreatedAtCursor(CURSOR_KIND, after);
    page.andWhere('(p.created_at, p.id) < (?, ?)', [createdAt, id]);
  }
  const rows = await page
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .limit(size + 1)
    .execute<Dictionary[]>('all', false);
  const reader = RecordReader.of(em, PracticeEntity);
  return connectionOf(
    rows.map((row) => reader.record(row)),
    size,
    (practice) => createdAtCursor(CURSOR_KIND, practice),
    { after, totalCount: () => filtered(em.fork(), caller, filter).getCount() },
  );
}
