import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import type { CollectionNames } from '../collection/collection.store.js';
import { SearchMode, type SearchRequest } from './search.service.js';

const MAX_QUERY_CHARS = 1000;
const MAX_LIMIT = 50;
const MAX_FILTER_ENTRIES = 10;

/** A search as the caller asked for it, before it is checked. */
export interface SearchArguments {
  query: string;
  collections: string[] | null;
  limit: number | null;
  mode: SearchMode | null;
  filter: { metadata?: { key: string; value: string }[] | null } | null;
}

/** What checking a search reads: the collections there are. */
export interface SearchScopeSource {
  em: EntityManager;
  collectionNames: CollectionNames;
}

/**
 * The collections a search is scoped to, all known; undefined (every collection) when none or all
 * of them are named. An unknown name is looked up again before it is refused: another process may
 * have created it.
 */
async function checkedScope({ em, collectionNames }: SearchScopeSource, scope: string[] | undefined): Promise<string[] | undefined> {
  if (!scope) return undefined;
  let known = await collectionNames.list(em);
  if (scope.some((name) => !known.includes(name))) known = await collectionNames.list(em, { refresh: true });
  const unknown = scope.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw badUserInput('collections', `unknown collection ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return scope.length === known.length ? undefined : scope;
}

/** The metadata a filter asks for, as one object with its keys in order (the cache key depends on it). */
function checkedMetadata(filter: SearchArguments['filter']): Record<string, string> {
  const entries = filter?.metadata ?? [];
  if (entries.length > MAX_FILTER_ENTRIES)
    throw badUserInput('filter.metadata', `at most ${MAX_FILTER_ENTRIES} entries, got ${entries.length}`);
  const metadata: Record<string, string> = {};
  for (const { key, value } of [...entries].sort((a, b) => a.key.localeCompare(b.key))) {
    if (!/^[\w.-]{1,64}$/.test(key))
      throw badUserInput(
        'filter.metadata.key',
        `must be 1 to 64 letters, digits, dots, dashes or underscores, got ${JSON.stringify(key.slice(0, 80))}`,
      );
    if (value.length > 500) throw badUserInput('filter.metadata.value', `must be at most 500 characters, got ${value.length}`);
    if (key in metadata && metadata[key] !== value) throw badUserInput('filter.metadata', `${key} is given two different values`);
    metadata[key] = value;
  }
  return metadata;
}

/**
 * The search `args` ask for, checked (BAD_USER_INPUT naming the argument otherwise) and put in one
 * canonical form: the same question asked twice gives the same request, field for field.
 */
export async function searchRequest(source: SearchScopeSource, args: SearchArguments): Promise<SearchRequest> {
  const text = args.query.trim();
  if (!text) throw badUserInput('query', 'must not be empty');
  if (text.length > MAX_QUERY_CHARS) throw badUserInput('query', `must be at most ${MAX_QUERY_CHARS} characters, got ${text.length}`);
  const size = args.limit ?? 5;
  if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT)
    throw badUserInput('limit', `must be between 1 and ${MAX_LIMIT}, got ${size}`);
  const scope = args.collections && args.collections.length > 0 ? [...new Set(args.collections)].sort() : undefined;
  // The order of the fields is part of the cache key.
  return {
    query: text,
    collections: await checkedScope(source, scope),
    metadata: checkedMetadata(args.filter),
    limit: size,
    mode: args.mode ?? SearchMode.HYBRID,
  };
}
