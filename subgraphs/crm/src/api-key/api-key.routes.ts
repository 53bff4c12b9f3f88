import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { credentialRoutes, type Logger, type RouteHandler, type StoredApiKey } from '@nusa/platform';
import { internalRoute } from '@nusa/subgraph';
import { ApiKeyEntity } from './api-key.entity.js';

/** How often a key's last-used time is written at most. */
const TOUCH_INTERVAL_SECONDS = 60;

/** The routes the gateway verifies API keys through: the stored key by id, and "it was used". */
export function apiKeyRoutes(deps: { orm: MikroORM; internalSecret: string; logger: Logger }): Record<string, RouteHandler> {
  const route = <T>(schema: z.ZodType<T>, handle: (body: T) => Promise<unknown>) =>
    internalRoute({ service: 'crm', internalSecret: deps.internalSecret, logger: deps.logger, schema, handle });
  return {
    [credentialRoutes.resolveApiKey]: route(z.object({ id: z.uuid() }), async ({ id }) => {
      const row = await deps.orm.em.fork().findOne(ApiKeyEntity, { id });
      const apiKey: StoredApiKey | null = row && {
        id: row.id,
        name: row.name,
        role: row.role,
        scopes: row.scopes,
        secretHash: row.secretHash,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        maxSubscriptions: row.maxSubscriptions,
        revokedAt: row.revokedAt?.toISOString() ?? null,
      };
      return { apiKey };
    }),
    [credentialRoutes.touchApiKey]: route(z.object({ id: z.uuid() }), async ({ id }) => {
      // One conditional update: however many gateways report a busy key, it is written once a minute.
      const touched = await deps.orm.em
        .fork()
        .getConnection()
        .execute<{ id: string }[]>(
          `update api_key set last_used_at = now()
            where id = ? and (last_used_at is null or last_used_at < now() - make_interval(secs => ?)) returning id`,
          [id, TOUCH_INTERVAL_SECONDS],
        );
      return { touched: touched.length > 0 };
    }),
  };
}
