import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '@nusa/platform';
import { createLoaders, type CrmLoaders } from './loaders.js';
import type { Revocations } from './session/revocations.js';

/** How the CRM issues session tokens. */
export interface SessionSettings {
  jwtSecret: string;
  ttlSeconds: number;
}

export interface CrmContext extends ServiceContext {
  em: EntityManager;
  loaders: CrmLoaders;
  session: SessionSettings;
  revocations: Revocations;
}

/** Per request: a fresh EntityManager fork (never the global one) and fresh loaders over it. */
export function createContext(base: ServiceContext, orm: MikroORM, session: SessionSettings, revocations: Revocations): CrmContext {
  const em = orm.em.fork();
  return { ...base, em, loaders: createLoaders(em), session, revocations };
}
