import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { clientError, ErrorCode, type ServiceContext } from '@nusa/platform';
import { isUuid, type EventBus } from '@nusa/subgraph';
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
  /** Change notifications (client events), across instances with Redis. */
  events: EventBus;
  /** What webhook endpoints may be registered. */
  webhooks: { allowPrivateAddresses: boolean };
}

/** What the CRM shares between requests. */
export interface CrmServices {
  orm: MikroORM;
  session: SessionSettings;
  revocations: Revocations;
  events: EventBus;
  webhooks: { allowPrivateAddresses: boolean };
}

/**
 * Per request: a fresh EntityManager fork (never the global one) and fresh loaders over it. A
 * member caller must still be an active member: a deactivated one is refused before anything runs,
 * whatever the gateway still accepts (one primary-key read, which `me` and assignees reuse).
 */
export async function createContext(
  base: ServiceContext,
  { orm, session, revocations, events, webhooks }: CrmServices,
): Promise<CrmContext> {
  const em = orm.em.fork();
  const loaders = createLoaders(em);
  if (base.caller.kind === 'member') {
    const member = isUuid(base.caller.id) ? await loaders.memberById.load(base.caller.id.toLowerCase()) : undefined;
    if (!member?.active) {
      // HTTP 200 with the error: the gateway passes a subgraph's UNAUTHENTICATED on, while an HTTP error would read as an outage.
      throw clientError(ErrorCode.Unauthenticated, 'This team member has been deactivated; ask an administrator', {
        http: { status: 200 },
        reason: 'deactivated',
      });
    }
  }
  return { ...base, em, loaders, session, revocations, events, webhooks };
}
