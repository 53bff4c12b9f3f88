import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { notFound } from '@nusa/platform';
import { entityResult, Idempotent, parseId } from '@nusa/subgraph';
import { Client } from '../client/client.type.js';
import type { MemoryContext } from '../context.js';
import { exportConversation, ExportFormat } from '../export/export.js';
import { messagePage } from '../message/message.pages.js';
import { MessageConnection } from '../message/message.type.js';
import { requireConversationUser, visibleOrNotFound } from './conversation.access.js';
import { ConversationEntity } from './conversation.entity.js';
import { StartConversationInput } from './conversation.input.js';
import { Conversation } from './conversation.type.js';

@Resolver(() => Conversation)
export class ConversationResolver {
  @Query(() => Conversation, { nullable: true, description: 'NOT_FOUND when it does not exist or is not yours to see.' })
  async conversation(@Arg('id', () => ID) id: string, @Ctx() context: MemoryContext): Promise<ConversationEntity> {
    const caller = requireConversationUser(context);
    return visibleOrNotFound(caller, id, await context.loaders.conversationById.load(parseId(id)));
  }

  @Query(() => String, { description: 'The whole conversation as JSON (complete, machine-readable) or Markdown (readable).' })
  async exportConversation(
    @Arg('id', () => ID) id: string,
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Ctx() context: MemoryContext,
  ): Promise<string> {
    const caller = requireConversationUser(context);
    const conversation = visibleOrNotFound(caller, id, await context.loaders.conversationById.load(parseId(id)));
    return exportConversation(context.em, conversation, format);
  }

  @Mutation(() => Conversation)
  @UseMiddleware(Idempotent(entityResult(ConversationEntity)))
  async startConversation(
    @Arg('input', () => StartConversationInput) input: StartConversationInput,
    @Ctx() context: MemoryContext,
  ): Promise<ConversationEntity> {
    const caller = requireConversationUser(context);
    const clientId = input.clientId ? parseId(input.clientId, 'input.clientId') : null;
    if (clientId && !(await context.crm.existingClients([clientId])).has(clientId)) throw notFound('Client', clientId);
    const conversation = context.em.create(ConversationEntity, {
      clientId,
      title: input.title?.trim() ?? 'New conversation',
      createdById: caller.kind === 'member' || caller.kind === 'apiKey' ? caller.id : null,
    });
    await context.em.flush();
    return conversation;
  }

  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @FieldResolver(() => MessageConnection, { description: 'In order; forwards with first/after, backwards with last/before.' })
  messages(
    @Root() conversation: ConversationEntity,
    @Ctx() context: MemoryContext,
    @Arg('before', () => String, { nullable: true }) before: string | null,
    @Arg('last', () => Int, { nullable: true }) last: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
  ): Promise<MessageConnection> {
    return messagePage(context.em, context.messages, conversation, { first, after, last, before });
  }

  @FieldResolver(() => Client, { nullable: true })
  client(@Root() conversation: ConversationEntity): Client | null {
    return conversation.clientId ? { id: conversation.clientId } : null;
  }
}
