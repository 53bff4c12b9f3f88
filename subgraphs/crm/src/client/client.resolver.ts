import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { badUserInput, notFound, Role } from '@nusa/platform';
import { entityResult, Idempotent, parseId, selects } from '@nusa/subgraph';
import type { AuditFields } from '../audit/audit-entry.entity.js';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import { auditFields, recordAudit } from '../audit/audit.service.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, InteractionRecord, PracticeRecord } from '../loaders.js';
import { Interaction } from '../interaction/interaction.type.js';
import { Practice } from '../practice/practice.type.js';
import { recordClientCreated } from '../webhook/webhook.outbox.js';
import { ClientEntity } from './client.entity.js';
import { ClientFilter, CreateClientInput, UpdateClientInput } from './client.input.js';
import { clientPage } from './client.query.js';
import { Client, ClientConnection } from './client.type.js';

const REQUIRED_ON_UPDATE = ['fullName', 'status'] as const;
/** The client fields an audit entry compares. */
const AUDITED = ['fullName', 'email', 'phone', 'nationality', 'status', 'notes'] as const;

function audit(tx: EntityManager, context: CrmContext, action: AuditAction, client: ClientEntity, before: AuditFields | null): void {
  recordAudit(tx, context, {
    action,
    entityType: AuditEntityType.CLIENT,
    entityId: client.id,
    clientId: client.id,
    before,
    after: auditFields(client, AUDITED),
  });
}

@Resolver(() => Client)
export class ClientResolver {
  @Authorized()
  @Query(() => ClientConnection, { description: 'Clients, newest first; at most 100 a page.' })
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  clients(
    @Info() info: GraphQLResolveInfo,
    @Ctx() { em, loaders }: CrmContext,
    @Arg('filter', () => ClientFilter, { nullable: true }) filter: ClientFilter | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' }) first: number | null,
  ): Promise<ClientConnection> {
    // The page, its total and its clients' practices with their assignees, as asked, in one statement:
    // then every client's practices (and their assignees) resolve at once instead of as a promise each.
    return clientPage(em, first, after, filter, {
      counted: selects(info, 'totalCount'),
      practices: selects(info, 'edges', 'node', 'practices') ? loaders.practicesByClient : undefined,
    });
  }

  @Authorized()
  @Query(() => Client, { nullable: true })
  async client(@Arg('id', () => ID) id: string, @Ctx() { loaders }: CrmContext): Promise<ClientRecord | null> {
    return (await loaders.clientById.load(parseId(id))) ?? null;
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Client)
  @UseMiddleware(Idempotent(entityResult(ClientEntity)))
  createClient(@Arg('input', () => CreateClientInput) input: CreateClientInput, @Ctx() context: CrmContext): Promise<ClientEntity> {
    return context.em.transactional((tx) => {
      const client = tx.create(ClientEntity, {
        fullName: input.fullName.trim(),
        email: input.email?.trim().toLowerCase() ?? null,
        phone: input.phone ?? null,
        nationality: input.nationality ?? null,
        notes: input.notes ?? null,
        ...(input.status ? { status: input.status } : {}),
      });
      audit(tx, context, AuditAction.CLIENT_CREATED, client, null);
      recordClientCreated(tx, client);
      return Promise.resolve(client);
    });
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Client, { description: 'Changes the given fields; null clears an optional one.' })
  @UseMiddleware(Idempotent(entityResult(ClientEntity)))
  async updateClient(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateClientInput) input: UpdateClientInput,
    @Ctx() context: CrmContext,
  ): Promise<ClientEntity> {
    for (const field of REQUIRED_ON_UPDATE) {
      if (input[field] === null) throw badUserInput(`input.${field}`, 'cannot be null');
    }
    const clientId = parseId(id);
    return context.em.transactional(async (tx) => {
      // Locked, so two concurrent edits are recorded each with the values the other left.
      const client = await tx.findOne(ClientEntity, { id: clientId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!client) throw notFound('Client', id);
      const before = auditFields(client, AUDITED);
      if (input.fullName != null) client.fullName = input.fullName.trim();
      if (input.status != null) client.status = input.status;
      if (input.email !== undefined) client.email = input.email?.trim().toLowerCase() ?? null;
      if (input.phone !== undefined) client.phone = input.phone;
      if (input.nationality !== undefined) client.nationality = input.nationality;
      if (input.notes !== undefined) client.notes = input.notes;
      audit(tx, context, AuditAction.CLIENT_UPDATED, client, before);
      return client;
    });
  }

  @FieldResolver(() => [Practice], { description: 'Newest first.' })
  practices(@Root() client: ClientRecord, @Ctx() { loaders }: CrmContext): PracticeRecord[] | Promise<PracticeRecord[]> {
    return loaders.practicesByClient.now(client.id);
  }

  @FieldResolver(() => [Interaction], { description: 'Newest first.' })
  interactions(@Root() client: ClientRecord, @Ctx() { loaders }: CrmContext): Promise<InteractionRecord[]> {
    return loaders.interactionsByClient.load(client.id);
  }
}
