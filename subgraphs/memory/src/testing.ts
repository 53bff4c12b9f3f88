import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, listen, signIdentity, IDENTITY_HEADER, type Caller } from '@nusa/platform';
import { InProcessCache, InProcessEventBus, RedisCache, RedisEventBus, type Cache, type EventBus } from '@nusa/subgraph';
import {
  createTestDatabase,
  identityHeaders,
  postGraphQL,
  TEST_SECRETS,
  testRedisUrl,
  type GraphQLResult,
  type TestDatabase,
} from '@nusa/platform/testing';
import { countQueries } from '@nusa/subgraph/testing';
import type { FactExtractor } from './fact/fact.extractor.js';
import { openDatabase } from './orm.js';
import type { OutboxRelaySettings } from './outbox/outbox.relay.js';
import { createMemoryServer } from './server.js';

type Operation = <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;

/** A memory subgraph on a fresh database, asking the CRM at `crmUrl` which clients exist. */
export interface MemoryService {
  url: string;
  origin: string;
  orm: MikroORM;
  cache: Cache;
  database: TestDatabase;
  as: (caller: Caller) => Operation;
  /** Calls the internal API as the chat service would. */
  internal: <T = Record<string, unknown>>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
  queryCount: () => number;
  resetQueryCount: () => void;
  stop: () => Promise<void>;
}

export interface MemoryServiceOptions {
  /** The CRM subgraph the service asks about clients. */
  crmUrl: string;
  /** Default: in process. */
  cache?: 'redis' | 'in-process' | Cache;
  /** Default: the offline rules. */
  extractor?: FactExtractor;
  /** Where conversation events travel. Default: in process. */
  events?: 'redis' | 'in-process';
  /** How the outbox is handed to the crm. Default: the service's defaults. */
  outboxRelay?: Partial<OutboxRelaySettings>;
}

/** The memory subgraph alone, on a free port (test/platform.ts starts it beside a CRM). */
export async function startMemoryService(label: string, options: MemoryServiceOptions): Promise<MemoryService> {
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
  const events: EventBus = options.events === 'redis' ? new RedisEventBus(testRedisUrl, logger) : new InProcessEventBus();
  const memory = await createMemoryServer({
    orm,
    cache,
    logger,
    events,
    extractor: options.extractor,
    internalSecret: TEST_SECRETS.internalSecret,
    crmUrl: options.crmUrl,
    reportCache: options.cache === 'redis',
    outboxRelay: options.outboxRelay,
  });
  const port = await listen(memory.server, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/graphql`;
  return {
    url,
    origin,
    orm,
    cache,
    database,
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
      await events.close();
      await orm.close();
      await database.drop();
    },
  };
}
