import { createHash } from 'node:crypto';
import type { Cache } from '@nusa/subgraph';
import type { SearchOutcome, SearchRequest } from './search.service.js';

const CACHE_TTL_SECONDS = 600;
const VERSION_KEY = 'kb:version';

/**
 * Search outcomes kept in the shared cache (Redis, else in process) for ten minutes. Every ingest
 * and delete moves the knowledge base's version on, and every entry holds the version it was found
 * at, so no cached search outlives a change. The version and the entry are read together, in one
 * round trip.
 */
export class SearchCache {
  constructor(private readonly cache: Cache) {}

  /**
   * The outcome of `request` on the vector index `index`: the cached one, else what `search` finds,
   * kept unless it is degraded (the next search should try the vectors again).
   */
  async outcome(request: SearchRequest, index: string, search: () => Promise<SearchOutcome>): Promise<SearchOutcome> {
    // A new vector index (after kb:reembed) ranks differently: its name is part of the key.
    const digest = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const key = `kb:search:${index}:${digest}`;
    const [version = '0', cached] = await this.cache.getMany([VERSION_KEY, key]);
    // An entry is `<version>\n<outcome>`: one found before the latest change is a miss.
    const stamp = `${version}\n`;
    if (cached?.startsWith(stamp)) return JSON.parse(cached.slice(stamp.length)) as SearchOutcome;
    const outcome = await search();
    if (outcome.warnings.length === 0) await this.cache.set(key, stamp + JSON.stringify(outcome), CACHE_TTL_SECONDS);
    return outcome;
  }

  /** After a change to the knowledge base: no search cached before it is served again. */
  async invalidate(): Promise<void> {
    await this.cache.set(VERSION_KEY, `${Date.now()}-${Math.random().toString(36).slice(2)}`, 30 * 24 * 3600);
  }
}
