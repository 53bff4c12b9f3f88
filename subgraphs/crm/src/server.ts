import type { MikroORM } from '@mikro-orm/postgresql';
import { probe, probeOptional, type Logger, type ServiceContext } from '@nusa/platform';
import { createSubgraphServer, InProcessEventBus, serveSubscriptions, type EventBus, type SubgraphServer } from '@nusa/subgraph';
import { ClientEventPublisher } from './client/client.events.js';
import { apiKeyRoutes } from './api-key/api-key.routes.js';
import { createContext, type CrmContext } from './context.js';
import { buildCrmSchema } from './schema.js';
import { Revocations } from './session/revocations.js';
import { sessionRoutes } from './session/session.routes.js';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookDispatcher, type WebhookSettings } from './webhook/webhook.dispatcher.js';
import { WebhookOutboxNudge } from './webhook/webhook.outbox.js';
import { webhookEventRoutes } from './webhook/webhook-event.routes.js';

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
  /** Where client events travel (Redis across instances). Default: within this process. */
  events?: EventBus;
  /** How long an Idempotency-Key's stored response answers retries; older keys are swept. Default: 24 hours. */
  idempotencyTtlMs?: number;
  /** How webhooks are sent; each setting defaults to {@link DEFAULT_WEBHOOK_SETTINGS}. */
  webhooks?: Partial<WebhookSettings>;
}

/**
 * The CRM subgraph over HTTP, and its subscriptions over graphql-ws on the same `/graphql`; every
 * committed change to a client is announced to its subscribers (see client.events.ts), and the
 * webhook dispatcher runs until `stop`. Built but not listening.
 */
export async function createCrmServer(deps: CrmServerDeps): Promise<SubgraphServer> {
  const session = { jwtSecret: deps.jwtSecret, ttlSeconds: deps.sessionTtlSeconds };
  const revocations = new Revocations(deps.redisUrl, deps.logger);
  const events = deps.events ?? new InProcessEventBus();
  deps.orm.em.getEventManager().registerSubscriber(new ClientEventPublisher(events));
  const webhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...deps.webhooks };
  const webhooks = new WebhookDispatcher(deps.orm, webhookSettings, deps.logger);
  deps.orm.em.getEventManager().registerSubscriber(new WebhookOutboxNudge(() => webhooks.wake()));
  const internal = { orm: deps.orm, internalSecret: deps.internalSecret, logger: deps.logger };
  const schema = await buildCrmSchema();
  const context = (base: ServiceContext) =>
    createContext(base, {
      orm: deps.orm,
      session,
      revocations,
      events,
      webhooks: { allowPrivateAddresses: webhookSettings.allowPrivateAddresses },
    });
  const subgraph = await createSubgraphServer<CrmContext>({
    name: 'crm',
    schema,
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context,
    idempotency: { orm: deps.orm, ttlMs: deps.idempotencyTtlMs },
    readiness: async () => ({
      postgres: await probe(() => deps.orm.em.getConnection().execute('select 1')),
      // Without Redis, sign-outs fail (their marker cannot be written) but everything else works.
      ...(deps.redisUrl ? { redis: await probeOptional(() => revocations.ping() ?? Promise.resolve()) } : {}),
    }),
    routes: {
      ...apiKeyRoutes(internal),
      ...sessionRoutes({ ...internal, revocations }),
      ...webhookEventRoutes({ ...internal, wake: () => webhooks.wake() }),
    },
  });
  const ws = serveSubscriptions(subgraph.server, {
    name: 'crm',
    schema,
    internalSecret: deps.internalSecret,
    logger: deps.logger,
    context,
  });
  webhooks.start();
  return {
    ...subgraph,
    stop: async () => {
      await webhooks.stop();
      await ws.close();
      await subgraph.stop();
      await revocations.close();
    },
  };
}
