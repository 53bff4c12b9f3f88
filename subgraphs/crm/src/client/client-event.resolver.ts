import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { notFound, requireCaller, requireScope, Scope } from '@nusa/platform';
import { parseId, recordLoader } from '@nusa/subgraph';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import type { AuditEntryRecord } from '../audit/audit.query.js';
import { AuditEntry } from '../audit/audit.type.js';
import type { CrmContext } from '../context.js';
import { createLoaders, type ClientRecord, type CrmLoaders, type PracticeRecord } from '../loaders.js';
import { Practice } from '../practice/practice.type.js';
import { clientTopic, type ClientEventPayload } from './client.events.js';
import { Client } from './client.type.js';

@ObjectType({ description: 'A recorded change to a client, its practices or its interactions, as `clientEvents` delivers it.' })
export class ClientEvent {
  @Field(() => AuditEntry, { description: 'What changed, who changed it and when: the entry of the audit trail.' })
  entry!: AuditEntry;

  @Field(() => Client, { description: 'The client as it is now.' })
  client!: Client;

  @Field(() => Practice, {
    nullable: true,
    description: 'The practice the change concerns, as it is now; null for a change to the client alone.',
  })
  practice!: Practice | null;
}

/** An event being resolved, with loaders of its own: a subscription's context lives as long as it does. */
interface ResolvingEvent extends ClientEventPayload {
  loaders: CrmLoaders;
  entries: ReturnType<typeof recordLoader<AuditEntryEntity>>;
}

async function subscribeToClient(context: CrmContext, id: string): Promise<AsyncIterable<ClientEventPayload>> {
  // As for reading a client: any member, or an API key with crm:read.
  requireScope(requireCaller(context), Scope.CrmRead);
  const clientId = parseId(id, 'clientId');
  if (!(await context.loaders.clientById.load(clientId))) throw notFound('Client', clientId);
  return context.events.subscribe<ClientEventPayload>(clientTopic(clientId));
}

@Resolver(() => ClientEvent)
export class ClientEventResolver {
  @Subscription(() => ClientEvent, {
    description:
      'Changes to a client as they are committed, on whichever instance: the client edited, a practice opened, moved, assigned or its documents ticked, an interaction logged. NOT_FOUND for an unknown client. An event missed while disconnected is not replayed: `Client.activity` has them all.',
    subscribe: ({ args, context }) => subscribeToClient(context as CrmContext, (args as { clientId: string }).clientId),
  })
  clientEvents(
    @Root() payload: ClientEventPayload,
    @Arg('clientId', () => ID) _clientId: string,
    @Ctx() context: CrmContext,
  ): ResolvingEvent {
    const em = context.em.fork();
    return { ...payload, loaders: createLoaders(em), entries: recordLoader(em, AuditEntryEntity) };
  }

  @FieldResolver(() => AuditEntry)
  async entry(@Root() event: ResolvingEvent): Promise<AuditEntryRecord> {
    const entry = await event.entries.load(event.auditEntryId);
    if (!entry) throw notFound('AuditEntry', event.auditEntryId);
    return entry;
  }

  @FieldResolver(() => Client)
  async client(@Root() event: ResolvingEvent): Promise<ClientRecord> {
    const client = await event.loaders.clientById.load(event.clientId);
    if (!client) throw notFound('Client', event.clientId);
    return client;
  }

  @FieldResolver(() => Practice, { nullable: true })
  async practice(@Root() event: ResolvingEvent): Promise<PracticeRecord | null> {
    const entry = await event.entries.load(event.auditEntryId);
    return entry?.practiceId ? ((await event.loaders.practiceById.load(entry.practiceId)) ?? null) : null;
  }
}
