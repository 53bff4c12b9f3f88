import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, listen, signIdentity, IDENTITY_HEADER, type Caller } from '@nusa/platform';
import { InProcessCache, RedisCache, type Cache } from '@nusa/subgraph';
import { createTestDatabase, identityHeaders, postGraphQL, type GraphQLResult, type TestDatabase } from '@nusa/platform/testing';
import { countQueries } from '@nusa/subgraph/testing';
import { startCrm, TEST_SECRETS, type CrmHarness, type CrmOptions } from '../../crm/src/testing.js';
import type { FactExtractor } from './fact/fact.extractor.js';
import { openDatabase } from './orm.js';
import { createMemoryServer } from './server.js';

/** The Redis tests use; they write only keys named after fresh random ids. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Operation = <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;

/** A memory subgraph on a fresh database, next to a CRM (which owns the clients) with demo data. */
export interface MemoryHarness {
  url: string;
  origin: string;
  orm: MikroORM;
  cache: Cache;
  crm: CrmHarness;
  database: TestDatabase;
  /** Demo client ids from the CRM. */
  clientIds: string[];
  as: (caller: Caller) => Operation;
  /** Calls the internal API as the chat service would. */
  internal: <T = Record<string, unknown>>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
  queryCount: () => number;
  resetQueryCount: () => void;
  stop: () => Promise<void>;
}

export interface MemoryOptions {
  cache?: 'redis' | 'in-process' | Cache;
  extractor?: FactExtractor;
  /** Options of the CRM started next to it (demo data is always on). */
  crm?: Omit<CrmOptions, 'demoData'>;
}

export async function startMemory(label: string, options: MemoryOptions = {}): Promise<MemoryHarness> {
  const crm = await startCrm(`${label}_crm`, { ...options.crm, demoData: true });
  try {
    return await startBeside(crm, label, options);
  } catch (error) {
    await crm.stop();
    throw error;
  }
}

async function startBeside(crm: CrmHarness, label: string, options: MemoryOptions): Promise<MemoryHarness> {
  const database = await createTestDatabase(label);
  const logger = createLogger('memory-test', 'silent');
  const orm = await openDatabase(database.url, logger);
  const queries = countQueries(orm);
  const cache =
    typeof options.cache === 'object'
      ? options.cache
      : options.cache === 'redis'
        ? new RedisCache(testRedisUrl, logger)
        : new InProcessCache();
  const memory = await createMemoryServer({
    orm,
    cache,
    logger,
    extractor: options.extractor,
    internalSecret: TEST_SECRETS.internalSecret,
    crmUrl: crm.url,
    reportCache: options.cache === 'redis',
  });
  const port = await listen(memory.server, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/graphql`;
  const rows = await crm.orm.em.getConnection().execute<{ id: string }[]>('select id from client order by created_at desc');
  return {
    url,
    origin,
    orm,
    cache,
    crm,
    database,
    clientIds: rows.map((row) => row.id),
    as: (caller) => (query, variables) =>
      postGraphQL(url, query, variables, identityHeaders(caller, TEST_SECRETS.internalSecret, 'memory')),
    internal: async (path, body) => {
      const response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'chat' }, TEST_SECRETS.internalSecret, 'memory'),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    queryCount: queries.count,
    resetQueryCount: queries.reset,
    stop: async () => {
      await memory.stop();
      await cache.close();
      await orm.close();
      await database.drop();
      await crm.stop();
    },
  };
}
