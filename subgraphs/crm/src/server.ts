import type { MikroORM } from '@mikro-orm/postgresql';
import { createSubgraphServer, probe, type Logger, type SubgraphServer } from '@nusa/shared';
import { createContext, type CrmContext } from './context.js';
import { buildCrmSchema } from './schema.js';

export { openDatabase } from './orm.js';
export { buildCrmSchema } from './schema.js';

/** What the CRM server needs from its bootstrap. */
export interface CrmServerDeps {
  orm: MikroORM;
  logger: Logger;
  internalSecret: string;
  jwtSecret: string;
  sessionTtlSeconds: number;
}

/** The CRM subgraph over HTTP, built but not listening. */
export async function createCrmServer(deps: CrmServerDeps): Promise<SubgraphServer> {
  const session = { jwtSecret: deps.jwtSecret, ttlSeconds: deps.sessionTtlSeconds };
  return createSubgraphServer<CrmContext>({
    name: 'crm',
    schema: await buildCrmSchema(),
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context: (base) => createContext(base, deps.orm, session),
    readiness: async () => ({ postgres: await probe(() => deps.orm.em.getConnection().execute('select 1')) }),
  });
}
