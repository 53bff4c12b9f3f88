import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { loadOperationManifest, operationHash, PersistedQueryCache } from './operation-manifest';

const schemaDirectory = join(__dirname, '..', '..', '..', 'schema');

describe('the published operation manifest', () => {
  const manifest = loadOperationManifest(join(schemaDirectory, 'operations.json'));

  it('holds only operations that are valid against the public schema, each under the SHA-256 of its text', () => {
    const schema = buildSchema(readFileSync(join(schemaDirectory, 'api.graphql'), 'utf8'));
    expect(manifest.size).toBeGreaterThan(0);
    for (const [id, body] of manifest) {
      expect(operationHash(body)).toBe(id);
      expect(validate(schema, parse(body)).map((error) => error.message)).toEqual([]);
    }
  });

  it('lets a restricted key follow an answer: it registers a subscription', () => {
    expect([...manifest.values()].some((body) => body.startsWith('subscription MessageStream'))).toBe(true);
  });

  it('always answers the manifest hashes, and forgets learned ones beyond its size, least recent first', async () => {
    const [id, body] = [...manifest][0] ?? [];
    const cache = new PersistedQueryCache(manifest, 2);
    expect(await cache.get(`apq:${id}`)).toBe(body);
    await cache.set('apq:a', '{ a }');
    await cache.set('apq:b', '{ b }');
    expect(await cache.get('apq:a')).toBe('{ a }');
    await cache.set('apq:c', '{ c }');
    expect(await cache.get('apq:b')).toBeUndefined();
    expect(await cache.get('apq:a')).toBe('{ a }');
  });
});
