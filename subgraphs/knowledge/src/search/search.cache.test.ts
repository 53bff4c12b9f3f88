import { InProcessCache, type Cache } from '@nusa/subgraph';
import { SearchCache } from './search.cache';
import { SearchMode, type SearchOutcome, type SearchRequest } from './search.service';

const request: SearchRequest = { query: 'retirement visa', collections: undefined, metadata: {}, limit: 5, mode: SearchMode.HYBRID };
const hit = {
  score: 0.5,
  text: 'Foreigners aged 60 or over may stay on a retirement permit.',
  citation: { documentId: 'd', title: 'Retirement KITAS', source: null, collection: 'visa_oracle', chunkIndex: 0, headingPath: [] },
};

/** A search that counts how often it runs and answers with `outcome`. */
function counted(outcome: SearchOutcome) {
  const search = { runs: 0 };
  const run = () => {
    search.runs += 1;
    return Promise.resolve(outcome);
  };
  return { search, run };
}

describe('the search cache', () => {
  it('answers a repeated search from the cache, and runs it again after an invalidation', async () => {
    const searches = new SearchCache(new InProcessCache());
    const { search, run } = counted({ hits: [hit], warnings: [] });
    expect(await searches.outcome(request, 'index-a', run)).toEqual({ hits: [hit], warnings: [] });
    expect(await searches.outcome(request, 'index-a', run)).toEqual({ hits: [hit], warnings: [] });
    expect(search.runs).toBe(1);
    await searches.invalidate();
    await searches.outcome(request, 'index-a', run);
    expect(search.runs).toBe(2);
  });

  it('keys by the vector index, so a re-embedded index is searched afresh', async () => {
    const searches = new SearchCache(new InProcessCache());
    const { search, run } = counted({ hits: [hit], warnings: [] });
    await searches.outcome(request, 'index-a', run);
    await searches.outcome(request, 'index-b', run);
    await searches.outcome({ ...request, limit: 6 }, 'index-b', run);
    expect(search.runs).toBe(3);
  });

  it('does not keep a degraded outcome: the next search tries the vectors again', async () => {
    const searches = new SearchCache(new InProcessCache());
    const { search, run } = counted({ hits: [hit], warnings: ['The vector index is unavailable; these are keyword results only.'] });
    await searches.outcome(request, 'index-a', run);
    const again = await searches.outcome(request, 'index-a', run);
    expect(search.runs).toBe(2);
    expect(again.warnings).toHaveLength(1);
  });

  it('reads the version and the entry in one round trip, and writes once on a miss', async () => {
    const calls: string[] = [];
    const inner = new InProcessCache();
    const cache: Cache = {
      get: (key) => (calls.push(`get ${key}`), inner.get(key)),
      getMany: (keys) => (calls.push(`getMany ${keys.length}`), inner.getMany(keys)),
      set: (key, value, ttl) => (calls.push('set'), inner.set(key, value, ttl)),
      delete: (keys) => inner.delete(keys),
      ping: () => inner.ping(),
      close: () => inner.close(),
    };
    const searches = new SearchCache(cache);
    const { run } = counted({ hits: [hit], warnings: [] });
    await searches.outcome(request, 'index-a', run);
    expect(calls).toEqual(['getMany 2', 'set']);
    calls.length = 0;
    expect(await searches.outcome(request, 'index-a', run)).toEqual({ hits: [hit], warnings: [] });
    expect(calls).toEqual(['getMany 2']);
  });
});
