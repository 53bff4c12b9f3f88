import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Logger, RouteHandler } from '@nusa/platform';
import { internalRoute } from '@nusa/subgraph';
import { WebhookEventType } from './webhook.enums.js';

/** Where the memory subgraph's outbox relay hands over its events. */
export const WEBHOOK_EVENTS_ROUTE = '/internal/webhook-events';

/** The event types another service records (the crm records its own in the change's transaction). */
const RELAYED_TYPES = [WebhookEventType.ANSWER_COMPLETED] as const;

const relayedEvents = z.object({
  events: z
    .array(
      z.object({
        id: z.uuid(),
        type: z.enum(RELAYED_TYPES),
        entityType: z.literal('message'),
        entityId: z.uuid(),
        payload: z.record(z.string(), z.unknown()),
        occurredAt: z.iso.datetime({ offset: true }),
      }),
    )
    .max(500),
});

/**
 * Records events relayed from the memory subgraph's outbox as webhook events with the same ids; an
 * id already recorded is skipped, so a relay repeated after a lost answer records nothing twice.
 * Only the memory service may call it; the dispatcher is woken once they are committed.
 */
export function webhookEventRoutes(deps: {
  orm: MikroORM;
  internalSecret: string;
  logger: Logger;
  wake: () => void;
}): Record<string, RouteHandler> {
  return {
    [WEBHOOK_EVENTS_ROUTE]: internalRoute({
      service: 'crm',
      callers: ['memory'],
      internalSecret: deps.internalSecret,
      logger: deps.logger,
      schema: relayedEvents,
      handle: async ({ events }) => {
        let recorded = 0;
        await deps.orm.em.fork().transactional(async (tx) => {
          for (const event of events) {
            const inserted = await tx.execute<{ id: string }[]>(
              `insert into webhook_event (id, type, entity_type, entity_id, payload, occurred_at)
                values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing returning id`,
              [event.id, event.type, event.entityType, event.entityId, JSON.stringify(event.payload), new Date(event.occurredAt)],
            );
            recorded += inserted.length;
          }
        });
        if (recorded > 0) deps.wake();
        return { recorded };
      },
    }),
  };
}
