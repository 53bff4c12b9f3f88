import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '@nusa/platform';

/** The operations partners may be held to, by the SHA-256 of their text (Apollo's persisted query manifest). */
export type OperationManifest = ReadonlyMap<string, string>;

export const operationHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads a manifest in Apollo's `apollo-persisted-query-manifest` format; each `id` must be the
 * SHA-256 of its `body`. A missing file is an empty manifest.
 */
export function loadOperationManifest(path: string): OperationManifest {
  if (!existsSync(path)) return new Map();
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    format?: string;
    operations?: { id: string; name?: string; body: string }[];
  };
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new ConfigError(`${path}: not an apollo-persisted-query-manifest`);
  }
  const operations = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (operationHash(operation.body) !== operation.id)
      throw new ConfigError(`${path}: operation ${operation.name ?? operation.id} has an id that is not the SHA-256 of its body`);
    operations.set(operation.id, operation.body);
  }
  return operations;
}

/**
 * The automatic-persisted-query cache: the manifest's operations are always known (a client may send
 * their hash alone), other hashes are remembered in a bounded LRU as clients register them.
 */
export class PersistedQueryCache {
  private readonly learned = new Map<string, string>();

  constructor(
    private readonly manifest: OperationManifest,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): Promise<string | undefined> {
    const hash = key.startsWith('apq:') ? key.slice(4) : key;
    const registered = this.manifest.get(hash);
    if (registered !== undefined) return Promise.resolve(registered);
    const value = this.learned.get(key);
    if (value !== undefined) {
      this.learned.delete(key);
      this.learned.set(key, value);
    }
    return Promise.resolve(value);
  }

  set(key: string, value: string): Promise<void> {
    this.learned.delete(key);
    this.learned.set(key, value);
    if (this.learned.size > this.maxEntries) this.learned.delete(this.learned.keys().next().value as string);
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.learned.delete(key));
  }
}
