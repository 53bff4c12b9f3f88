import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import { connectionOf, decodeCursor, encodeCursor, isUuid, pageSize, RecordReader, rowsOf, type Connection } from '@nusa/subgraph';
import type { EntityRecord } from '@nusa/subgraph';
import { AuditEntryEntity } from './audit-entry.entity.js';
import type { AuditEntityType } from './audit.enums.js';

export type AuditEntryRecord = EntityRecord<AuditEntryEntity>;

const CURSOR_KIND = 'AuditEntry';

/** Conditions an audit page is read under; every given one must hold. */
export interface AuditConditions {
  clientId?: string;
  practiceId?: string;
  actorId?: string;
  entityType?: AuditEntityType;
  entityId?: string;
  /** Entries at or after this time. */
  from?: Date;
  /** Entries before this time. */
  to?: Date;
}

const COLUMNS: Record<'clientId' | 'practiceId' | 'actorId' | 'entityType' | 'entityId', string> = {
  clientId: 'client_id',
  practiceId: 'practice_id',
  actorId: 'actor_id',
  entityType: 'entity_type',
  entityId: 'entity_id',
};

function whereOf(conditions: AuditConditions): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [name, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const value = conditions[name];
    if (value === undefined) continue;
    sql.push(`"${column}" = ?`);
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

function cursorOf(entry: AuditEntryRecord): string {
  return encodeCursor(CURSOR_KIND, [entry.at.toISOString(), entry.id]);
}

function afterCursor(after: string): { at: string; id: string } {
  const [at = '', id = ''] = decodeCursor(CURSOR_KIND, after, 2);
  if (Number.isNaN(Date.parse(at)) || !isUuid(id)) throw badUserInput('after', 'is not a cursor of this list');
  return { at, id };
}

/** A Relay page of audit entries matching `conditions`, newest first, keyset-paginated on (at, id). */
export async function auditPage(
  em: EntityManager,
  conditions: AuditConditions,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<AuditEntryRecord>> {
  const size = pageSize(first, 20);
  const reader = RecordReader.of(em, AuditEntryEntity);
  const where = whereOf(conditions);
  const page = { sql: [...where.sql], params: [...where.params] };
  if (after) {
    const cursor = afterCursor(after);
    page.sql.push('("at", "id") < (?, ?)');
    page.params.push(new Date(cursor.at), cursor.id);
  }
  const clause = (sql: string[]) => (sql.length > 0 ? ` where ${sql.join(' and ')}` : '');
  const [rows, counted] = await Promise.all([
    reader.read(em, `select ${reader.select} from "${reader.table}"${clause(page.sql)} order by "at" desc, "id" desc limit ?`, [
      ...page.params,
      size + 1,
    ]),
    rowsOf(em, `select count(*)::int as "count" from "${reader.table}"${clause(where.sql)}`, where.params),
  ]);
  return connectionOf(rows, size, cursorOf, { after, totalCount: Number(counted[0]?.count ?? 0) });
}

/** How an audit entry's stored values read in the API: text as it is, anything else as JSON, null as null. */
export function auditValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
