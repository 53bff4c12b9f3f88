import type { MikroORM } from '@mikro-orm/postgresql';
import { type Logger, type SubgraphServer } from '@nusa/shared';
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
export declare function createCrmServer(deps: CrmServerDeps): Promise<SubgraphServer>;
//# sourceMappingURL=server.d.ts.map