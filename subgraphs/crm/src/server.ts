import type { MikroORM } from '@mikro-orm/postgresql';
import { probe, probeOptional, type Logger } from '@nusa/platform';
import { createSubgraphServer, type SubgraphServer } from '@nusa/subgraph';
import { apiKeyRoutes } from './api-key/api-key.routes.js';
import { createContext, type CrmContext } from './context.js';
import { buildCrmSchema } from './schema.js';
import { Revocations } from './session/revocations.js';
import { sessionRoutes } from './session/session.routes.js';

export { openDatabase } from './orm.js';
export { buildCrmSchema } from './schema.js';

/** What the CRM server needs from its bootstrap. */
export interface CrmServerDeps {
  orm: MikroORM;
  logger: Logger;
  internalSecret: string;
  jwtSecret: string;
  sessionTtlSeconds: number;
  /** Where revocation markers go for the gateways to check at once. Default: none (PostgreSQL only). */
  redisUrl?: string | undefined;
}

/** The CRM subgraph over HTTP, built but not listening. */
export async function createCrmServer(deps: CrmServerDeps): Promise<SubgraphServer> {
  const session = { jwtSecret: deps.jwtSecret, ttlSeconds: deps.sessionTtlSeconds };
  const revocations = new Revocations(deps.redisUrl, deps.logger);
  const internal = { orm: deps.orm, internalSecret: deps.internalSecret, logger: deps.logger };
  const subgraph = await createSubgraphServer<CrmContext>({
    name: 'crm',
    schema: await buildCrmSchema(),
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context: (base) => createContext(base, deps.orm, session, revocations),
    readiness: async () => ({
      postgres: await probe(() => deps.orm.em.getConnection().execute('select 1')),
      // Without Redis, sign-outs fail (their marker cannot be written) but everything else works.
      ...(deps.redisUrl ? { redis: await probeOptional(() => revocations.ping() ?? Promise.resolve()) } : {}),
    }),
    routes: { ...apiKeyRoutes(internal), ...sessionRoutes({ ...internal, revocations }) },
  });
  return {
    ...subgraph,
    stop: async () => {
      await subgraph.stop();
      await revocations.close();
    },
  };
}
