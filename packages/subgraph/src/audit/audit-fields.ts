import { Directive, Field, ObjectType } from 'type-graphql';

/** Field values by field name: only the fields a change touched. */
export type AuditFields = Record<string, unknown>;

/** A value as an audit entry keeps it: a relation as its id, a Date as ISO text, undefined as null. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && 'id' in value) return value.id;
  return value;
}

/** `fields` of `entity` as plain values, for the before and after of an audit entry. */
export function auditFields<T extends object>(entity: T, fields: readonly (keyof T & string)[]): AuditFields {
  return Object.fromEntries(fields.map((field) => [field, plain(entity[field])]));
}

/** The before and after an audit entry keeps: the changed fields only. */
export interface AuditChange {
  /** Null for a creation. */
  before: AuditFields | null;
  /** Null for a deletion. */
  after: AuditFields | null;
}

/**
 * The fields whose values differ between `before` and `after`, with both sides; null when nothing
 * changed. A creation (no `before`) keeps the fields it set, a deletion (no `after`) the fields it removed.
 */
export function changedFields(before: AuditFields | null, after: AuditFields | null): AuditChange | null {
  const set = (fields: AuditFields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
  if (!after) return before ? { before: set(before), after: null } : null;
  if (!before) return { before: null, after: set(after) };
  const changed = Object.keys(after).filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null));
  if (changed.length === 0) return null;
  return {
    before: Object.fromEntries(changed.map((field) => [field, before[field] ?? null])),
    after: Object.fromEntries(changed.map((field) => [field, after[field] ?? null])),
  };
}

/** How an audit entry's stored values read in the API: text as it is, anything else as JSON, null as null. */
export function auditValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One field a change touched; the same shareable type in every subgraph that keeps an audit trail. */
@ObjectType({ description: 'One field a change touched, with its value before and after.' })
@Directive('@shareable')
export class AuditFieldChange {
  @Field(() => String, { description: 'The field, as the API names it (a document of a practice is `documents.<name>`).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before: text as it was, other values as JSON; null when unset or new.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, written as `before` is; null when cleared.' })
  after!: string | null;
}

/** An entry's before and after as the API lists them: every field either side names, once. */
export function fieldChanges(entry: AuditChange): AuditFieldChange[] {
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  return fields.map((field) => ({ field, before: auditValue(entry.before?.[field]), after: auditValue(entry.after?.[field]) }));
}
