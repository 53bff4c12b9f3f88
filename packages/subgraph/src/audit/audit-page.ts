import type { EntityClass, EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import { isUuid } from '../ids.js';
import { connectionOf, decodeCursor, encodeCursor, pageSize, type Connection } from '../pagination.js';
import { RecordReader, rowsOf, type EntityRecord } from '../records.js';
import type { AuditEntryBase } from './audit-entry.base.js';

/** Conditions an audit page is read under; every given one must hold. */
export interface AuditConditions<T extends AuditEntryBase> {
  /** Property values the entries must have (`actorId`, `entityType`, `clientId` ...). */
  equal?: Partial<Record<keyof T & string, string>>;
  /** Entries at or after this time. */
  from?: Date;
  /** Entries before this time. */
  to?: Date;
}

const CURSOR_KIND = 'AuditEntry';

function whereOf<T extends AuditEntryBase>(em: EntityManager, entity: EntityClass<T>, conditions: AuditConditions<T>) {
  const meta = em.getMetadata().get<T>(entity.name);
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [name, value] of Object.entries(conditions.equal ?? {}) as [keyof T & string, string | undefined][]) {
    if (value === undefined) continue;
    sql.push(`"${(meta.properties as Record<string, EntityProperty>)[name]?.fieldNames[0] ?? name}" = ?`);
    params.push(value);
  }
  if (conditions.from) {
    sql.push('"at" >= ?');
    params.push(conditions.from);
  }
  if (conditions.to) {
    sql.push('"at" < ?');
    params.push(conditions.to);
  }
  return { sql, params };
}

function afterCursor(after: string): { at: Date; id: string } {
  const [at = '', id = ''] = decodeCursor(CURSOR_KIND, after, 2);
  if (Number.isNaN(Date.parse(at)) || !isUuid(id)) throw badUserInput('after', 'is not a cursor of this list');
  return { at: new Date(at), id };
}

/** A Relay page of `entity`'s audit entries matching `conditions`, newest first, keyset-paginated on (at, id). */
export async function auditPage<T extends AuditEntryBase>(
  em: EntityManager,
  entity: EntityClass<T>,
  conditions: AuditConditions<T>,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<EntityRecord<T>>> {
  const size = pageSize(first, 20);
  const reader = RecordReader.of<T>(em, entity);
  const where = whereOf(em, entity, conditions);
  const page = { sql: [...where.sql], params: [...where.params] };
  if (after) {
    const cursor = afterCursor(after);
    page.sql.push('("at", "id") < (?, ?)');
    page.params.push(cursor.at, cursor.id);
  }
  const clause = (sql: string[]) => (sql.length > 0 ? ` where ${sql.join(' and ')}` : '');
  const [rows, counted] = await Promise.all([
    reader.read(em, `select ${reader.select} from "${reader.table}"${clause(page.sql)} order by "at" desc, "id" desc limit ?`, [
      ...page.params,
      size + 1,
    ]),
    rowsOf(em, `select count(*)::int as "count" from "${reader.table}"${clause(where.sql)}`, where.params),
  ]);
  const cursorOf = (entry: EntityRecord<T>) => {
    const { at, id } = entry as unknown as Pick<AuditEntryBase, 'at' | 'id'>;
    return encodeCursor(CURSOR_KIND, [at.toISOString(), id]);
  };
  return connectionOf(rows, size, cursorOf, { after, totalCount: Number(counted[0]?.count ?? 0) });
}
