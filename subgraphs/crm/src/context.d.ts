import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '@nusa/shared';
import { type CrmLoaders } from './loaders.js';
/** How the CRM issues session tokens. */
export interface SessionSettings {
    jwtSecret: string;
    ttlSeconds: number;
}
export interface CrmContext extends ServiceContext {
    em: EntityManager;
    loaders: CrmLoaders;
    session: SessionSettings;
}
/** Per request: a fresh EntityManager fork (never the global one) and fresh loaders over it. */
export declare function createContext(base: ServiceContext, orm: MikroORM, session: SessionSettings): CrmContext;
//# sourceMappingURL=context.d.ts.map