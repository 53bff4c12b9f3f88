import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, listen, Role, type Caller } from '@nusa/platform';
import {
  createTestDatabase,
  identityHeaders,
  postGraphQL,
  TEST_SECRETS,
  type GraphQLResult,
  type TestDatabase,
} from '@nusa/platform/testing';
import { countQueries } from '@nusa/subgraph/testing';
import { InProcessEventBus, RedisEventBus } from '@nusa/subgraph';
import { openDatabase } from './orm.js';
import { seedEmptyDatabase } from './seed/seed.js';
import { createCrmServer } from './server.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';
import type { WebhookSettings } from './webhook/webhook.dispatcher.js';

export const TEST_ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

type Operation = <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;

/** A CRM subgraph on a fresh database and a free port, with callers to talk to it as. */
export interface CrmHarness {
  url: string;
  orm: MikroORM;
  database: TestDatabase;
  admin: Caller;
  agent: Caller;
  /** Sends an operation with `caller`'s identity signed as the gateway would. */
  as: (caller: Caller) => Operation;
  /** SQL statements run since the last `resetQueryCount()`. */
  queryCount: () => number;
  resetQueryCount: () => void;
  stop: () => Promise<void>;
}

/** Options of {@link startCrm}. */
export interface CrmOptions {
  /** Seed the demo clients and practices. Default: false. */
  demoData?: boolean;
  /** Write revocation markers to this Redis, and send client events through it. Default: none (PostgreSQL only, events in process). */
  redisUrl?: string;
  /**
   * Webhook settings (small delays in tests). Default: no delivery, so a test that is not about webhooks
   * sees no dispatcher polling beside its own statements.
   */
  webhooks?: Partial<WebhookSettings>;
  /** Start on this database (a crm started before on it, say) instead of a fresh one; `stop` then leaves it for its owner to drop. */
  database?: TestDatabase;
}

export async function startCrm(label: string, options: CrmOptions = {}): Promise<CrmHarness> {
  const database = options.database ?? (await createTestDatabase(label));
  const logger = createLogger('crm-test', process.env.TEST_CRM_LOG ?? 'silent');
  const orm = await openDatabase(database.url, logger);
  const queries = countQueries(orm);
  await seedEmptyDatabase(orm.em.fork(), { admin: TEST_ADMIN, demoData: options.demoData ?? false }, logger);
  const em = orm.em.fork();
  const adminRow = await em.findOneOrFail(TeamMemberEntity, { email: TEST_ADMIN.email });
  const agentRow =
    (await em.findOne(TeamMemberEntity, { email: 'agent@example.com' })) ??
    em.create(TeamMemberEntity, { name: 'Komang Agent', email: 'agent@example.com', role: Role.AGENT, passwordHash: 'x' });
  await em.flush();
  const events = options.redisUrl ? new RedisEventBus(options.redisUrl, logger) : new InProcessEventBus();
  const crm = await createCrmServer({
    orm,
    logger,
    events,
    ...TEST_SECRETS,
    sessionTtlSeconds: 3600,
    redisUrl: options.redisUrl,
    webhooks: options.webhooks ?? { deliver: false },
  });
  const port = await listen(crm.server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  const member = (row: TeamMemberEntity): Caller => ({ kind: 'member', id: row.id, role: row.role, name: row.name, email: row.email });
  return {
    url,
    orm,
    database,
    admin: member(adminRow),
    agent: member(agentRow),
    as: (caller) => (query, variables) => postGraphQL(url, query, variables, identityHeaders(caller, TEST_SECRETS.internalSecret, 'crm')),
    queryCount: queries.count,
    resetQueryCount: queries.reset,
    stop: async () => {
      await crm.stop();
      await events.close();
      await orm.close();
      if (!options.database) await database.drop();
    },
  };
}
