import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { credentialRoutes, type Logger, type RouteHandler } from '@nusa/platform';
import { internalRoute } from '@nusa/subgraph';
import type { Revocations } from './revocations.js';

/** The gateway's question about a session token, for when it has no Redis deny-list to read. */
export function sessionRoutes(deps: {
  orm: MikroORM;
  revocations: Revocations;
  internalSecret: string;
  logger: Logger;
}): Record<string, RouteHandler> {
  return {
    [credentialRoutes.sessionRevoked]: internalRoute({
      service: 'crm',
      internalSecret: deps.internalSecret,
      logger: deps.logger,
      schema: z.object({ jti: z.string().min(1).max(64) }),
      handle: async ({ jti }) => ({ revoked: await deps.revocations.isSessionRevoked(deps.orm.em.fork(), jti) }),
    }),
  };
}
