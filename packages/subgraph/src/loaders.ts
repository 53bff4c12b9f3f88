import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { requireCaller, requireScope, type Scope, type ServiceContext } from '@nusa/platform';
import { isUuid } from './ids.js';
import DataLoader from 'dataloader';

/** A loader of `entity` rows by primary key `id`: N keys in one request cost one query. */
export function entityLoader<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | undefined> {
  return new DataLoader<string, T | undefined>(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  });
}

/**
 * A loader of the `entity` rows whose `foreignKey` points at each key (a one-to-many relation),
 * in `orderBy` order: N parents cost one query.
 */
export function groupedLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  foreignKey: keyof T & string,
  keyOf: (row: T) => string,
  orderBy: QueryOrderMap<T>,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await em.find(entity, { [foreignKey]: { $in: [...keys] } } as FilterQuery<T>, { orderBy });
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * A federation `__resolveReference` that needs a signed-in caller (and, for an API key, `scope`)
 * and goes through a per-request loader, so resolving N references of one type costs one query.
 * Ids that are not UUIDs resolve to null.
 */
export function referenceVia<TContext extends ServiceContext, T>(
  pick: (context: TContext) => DataLoader<string, T | undefined>,
  scope?: Scope,
): (reference: { id: string }, context: TContext) => Promise<T | null> {
  return async (reference, context) => {
    const caller = requireCaller(context);
    if (scope) requireScope(caller, scope);
    if (!isUuid(reference.id)) return null;
    return (await pick(context).load(reference.id.toLowerCase())) ?? null;
  };
}
