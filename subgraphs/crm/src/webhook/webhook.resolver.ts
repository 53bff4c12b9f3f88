import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, notFound, requireCaller, Role } from '@nusa/platform';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, parseId, type Connection } from '@nusa/subgraph';
import type { AuditFields } from '../audit/audit-entry.entity.js';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import { auditFields, recordAudit } from '../audit/audit.service.js';
import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { webhookBody } from './webhook.body.js';
import { WebhookDeliveryStatus, WebhookEventType } from './webhook.enums.js';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.input.js';
import { newWebhookSecret } from './webhook.signature.js';
import {
  CreateWebhookEndpointPayload,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookDeliveryConnection,
  WebhookEndpoint,
} from './webhook.type.js';
import { webhookUrl } from './webhook.url.js';
import type { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import type { WebhookEventEntity } from './webhook-event.entity.js';
import type { EntityRecord } from '@nusa/subgraph';

/** What an audit entry keeps of an endpoint: never its secret. */
const AUDITED = ['url', 'eventTypes', 'enabled', 'disabledReason'] as const;
const DELIVERY_CURSOR = 'WebhookDelivery';

function audit(tx: EntityManager, context: CrmContext, action: AuditAction, endpoint: WebhookEndpointEntity, before: AuditFields | null) {
  recordAudit(tx, context, {
    action,
    entityType: AuditEntityType.WEBHOOK_ENDPOINT,
    entityId: endpoint.id,
    before,
    after: auditFields(endpoint, AUDITED),
  });
}

const eventTypesOf = (types: WebhookEventType[]) => [...new Set(types)].sort();

async function lockedEndpoint(tx: EntityManager, id: string): Promise<WebhookEndpointEntity> {
  const endpoint = await tx.findOne(WebhookEndpointEntity, { id: parseId(id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!endpoint) throw notFound('WebhookEndpoint', id);
  return endpoint;
}

/** Webhook endpoints and their deliveries: administrators only, never API keys. */
@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized([Role.ADMIN])
  @Query(() => [WebhookEndpoint], { description: 'Every webhook endpoint, newest first, disabled ones included.' })
  webhookEndpoints(@Ctx() { em }: CrmContext): Promise<WebhookEndpointEntity[]> {
    return em.find(WebhookEndpointEntity, {}, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  @Authorized([Role.ADMIN])
  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's deliveries, newest first, with their attempts; at most 100 a page.",
  })
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  async webhookDeliveries(
    @Ctx() { em }: CrmContext,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' }) first: number | null,
    @Arg('endpointId', () => ID) endpointId: string,
  ): Promise<Connection<WebhookDeliveryEntity>> {
    const size = pageSize(first, 20);
    const id = parseId(endpointId, 'endpointId');
    if (!(await em.count(WebhookEndpointEntity, { id }))) throw notFound('WebhookEndpoint', endpointId);
    const cursor = after ? decodeCreatedAtCursor(DELIVERY_CURSOR, after) : null;
    const keyset = cursor
      ? { $or: [{ createdAt: { $lt: new Date(cursor.createdAt) } }, { createdAt: new Date(cursor.createdAt), id: { $lt: cursor.id } }] }
      : {};
    const [rows, totalCount] = await Promise.all([
      em.find(WebhookDeliveryEntity, { endpoint: id, ...keyset }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
      em.count(WebhookDeliveryEntity, { endpoint: id }),
    ]);
    return connectionOf(rows, size, (row) => createdAtCursor(DELIVERY_CURSOR, row), { after, totalCount });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => CreateWebhookEndpointPayload, {
    description: 'Registers a URL for events; the answer is the only time `secret` is shown.',
  })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() context: CrmContext,
  ): Promise<CreateWebhookEndpointPayload> {
    const caller = requireCaller(context);
    const url = webhookUrl(input.url, 'input.url', context.webhooks.allowPrivateAddresses);
    const secret = newWebhookSecret();
    const endpoint = await context.em.transactional((tx) => {
      const created = tx.create(WebhookEndpointEntity, {
        url,
        eventTypes: eventTypesOf(input.eventTypes),
        secret,
        createdBy: caller.kind === 'member' ? tx.getReference(TeamMemberEntity, caller.id) : null,
      });
      audit(tx, context, AuditAction.WEBHOOK_ENDPOINT_CREATED, created, null);
      return Promise.resolve(created);
    });
    return { secret, endpoint };
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => WebhookEndpoint, { description: 'Changes the URL or the event types, or disables or enables the endpoint.' })
  updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() context: CrmContext,
  ): Promise<WebhookEndpointEntity> {
    const caller = requireCaller(context);
    const url = input.url != null ? webhookUrl(input.url, 'input.url', context.webhooks.allowPrivateAddresses) : undefined;
    return context.em.transactional(async (tx) => {
      const endpoint = await lockedEndpoint(tx, id);
      const before = auditFields(endpoint, AUDITED);
      if (url !== undefined) endpoint.url = url;
      if (input.eventTypes != null) endpoint.eventTypes = eventTypesOf(input.eventTypes);
      if (input.enabled === false && endpoint.enabled) {
        endpoint.enabled = false;
        endpoint.disabledReason = `disabled by ${caller.name}`;
        endpoint.disabledAt = new Date();
      } else if (input.enabled === true && !endpoint.enabled) {
        endpoint.enabled = true;
        endpoint.disabledReason = null;
        endpoint.disabledAt = null;
        endpoint.consecutiveFailures = 0;
        // What waited while it was disabled is due at once.
        await tx.nativeUpdate(
          WebhookDeliveryEntity,
          { endpoint: endpoint.id, status: WebhookDeliveryStatus.PENDING },
          { nextAttemptAt: new Date() },
        );
      }
      audit(tx, context, AuditAction.WEBHOOK_ENDPOINT_UPDATED, endpoint, before);
      return endpoint;
    });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean, {
    description: 'Removes an endpoint with its deliveries; nothing more is sent to it. False when it did not exist.',
  })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() context: CrmContext): Promise<boolean> {
    const endpointId = parseId(id);
    return context.em.transactional(async (tx) => {
      const endpoint = await tx.findOne(WebhookEndpointEntity, { id: endpointId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!endpoint) return false;
      recordAudit(tx, context, {
        action: AuditAction.WEBHOOK_ENDPOINT_DELETED,
        entityType: AuditEntityType.WEBHOOK_ENDPOINT,
        entityId: endpoint.id,
        before: auditFields(endpoint, AUDITED),
        after: { url: null, eventTypes: null, enabled: null, disabledReason: null },
      });
      tx.remove(endpoint);
      return true;
    });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => WebhookDelivery, {
    description:
      "Sends a delivery's event to its endpoint again, as a new delivery (same event id and body, fresh retries), after the endpoint's pending deliveries of the same entity.",
  })
  resendWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() context: CrmContext): Promise<WebhookDeliveryEntity> {
    const deliveryId = parseId(id);
    return context.em.transactional(async (tx) => {
      const original = await tx.findOne(WebhookDeliveryEntity, { id: deliveryId }, { populate: ['endpoint'] });
      if (!original) throw notFound('WebhookDelivery', id);
      const endpoint = original.endpoint.getEntity();
      if (!endpoint.enabled) throw badUserInput('id', 'its endpoint is disabled; enable it (updateWebhookEndpoint) before resending');
      const resent = tx.create(WebhookDeliveryEntity, {
        endpoint: original.endpoint,
        event: original.event,
        entityId: original.entityId,
        resendOf: original.id,
      });
      recordAudit(tx, context, {
        action: AuditAction.WEBHOOK_DELIVERY_RESENT,
        entityType: AuditEntityType.WEBHOOK_ENDPOINT,
        entityId: endpoint.id,
        before: null,
        after: { deliveryId: resent.id, resendOf: original.id, eventId: original.event.id },
      });
      return resent;
    });
  }

  @FieldResolver(() => TeamMember, { nullable: true, description: 'The administrator who registered it.' })
  async createdBy(@Root() endpoint: WebhookEndpointEntity, @Ctx() { loaders }: CrmContext): Promise<EntityRecord<TeamMemberEntity> | null> {
    return endpoint.createdBy ? ((await loaders.memberById.load(endpoint.createdBy.id)) ?? null) : null;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => ID)
  eventId(@Root() delivery: WebhookDeliveryEntity): string {
    return delivery.event.id;
  }

  @FieldResolver(() => WebhookEventType)
  async eventType(@Root() delivery: WebhookDeliveryEntity, @Ctx() context: CrmContext): Promise<WebhookEventType> {
    return (await eventOf(delivery, context)).type;
  }

  @FieldResolver(() => String, { description: '`client` or `practice`.' })
  async entityType(@Root() delivery: WebhookDeliveryEntity, @Ctx() context: CrmContext): Promise<string> {
    return (await eventOf(delivery, context)).entityType;
  }

  @FieldResolver(() => ID)
  entityId(@Root() delivery: WebhookDeliveryEntity): string {
    return delivery.entityId;
  }

  @FieldResolver(() => Date)
  async occurredAt(@Root() delivery: WebhookDeliveryEntity, @Ctx() context: CrmContext): Promise<Date> {
    return (await eventOf(delivery, context)).occurredAt;
  }

  @FieldResolver(() => String, { description: 'The JSON body every attempt POSTs: `{ id, type, occurredAt, data }`.' })
  async body(@Root() delivery: WebhookDeliveryEntity, @Ctx() context: CrmContext): Promise<string> {
    return webhookBody(await eventOf(delivery, context));
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Oldest first.' })
  attempts(@Root() delivery: WebhookDeliveryEntity, @Ctx() { loaders }: CrmContext): Promise<EntityRecord<WebhookAttemptEntity>[]> {
    return loaders.webhookAttemptsByDelivery.load(delivery.id);
  }
}

async function eventOf(delivery: WebhookDeliveryEntity, { loaders }: CrmContext): Promise<EntityRecord<WebhookEventEntity>> {
  const event = await loaders.webhookEventById.load(delivery.event.id);
  if (!event) throw notFound('WebhookEvent', delivery.event.id);
  return event;
}
