import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { requireCaller, Role } from '@nusa/platform';
import { auditActor, connectionOf, createdAtCursor, decodeCreatedAtCursor, pageSize, parseId } from '@nusa/subgraph';
import { auditErasure } from '../audit/memory-audit.service.js';
import type { MemoryContext } from '../context.js';
import type { MemoryFactRecord } from '../loaders.js';
import { requireConversationUser } from '../conversation/conversation.access.js';
import { ConversationEntity } from '../conversation/conversation.entity.js';
import { ConversationConnection } from '../conversation/conversation.type.js';
import { MemoryFactEntity } from '../fact/fact.entity.js';
import { MemoryFact } from '../fact/fact.type.js';
import { recentKey } from '../message/message.store.js';
import { Client } from './client.type.js';

const KIND = 'Conversation';

async function conversationsAfter(context: MemoryContext, clientId: string, size: number, after: string): Promise<ConversationEntity[]> {
  const { createdAt, id } = decodeCreatedAtCursor(KIND, after);
  const qb = context.em.createQueryBuilder(ConversationEntity, 'c').where({ clientId });
  qb.andWhere('(c.created_at, c.id) < (?, ?)', [createdAt, id]);
  return qb
    .orderBy({ createdAt: 'desc', id: 'desc' })
    .limit(size + 1)
    .getResultList();
}

@Resolver(() => Client)
export class ClientResolver {
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @FieldResolver(() => ConversationConnection, { description: "The client's conversations, most recently started first." })
  async conversations(
    @Root() client: Client,
    @Ctx() context: MemoryContext,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100. Default 20.' }) first: number | null,
  ): Promise<ConversationConnection> {
    requireConversationUser(context);
    const size = pageSize(first, 20);
    const rows = await (after
      ? conversationsAfter(context, client.id, size, after)
      : context.loaders.newestConversations.load(`${client.id}|${size + 1}`));
    return connectionOf(rows, size, (conversation) => createdAtCursor(KIND, conversation), {
      after,
      totalCount: () => context.loaders.conversationCounts.load(client.id),
    });
  }

  @FieldResolver(() => [MemoryFact], { description: 'What the assistant remembers about the client, newest first.' })
  memoryFacts(
    @Root() client: Client,
    @Ctx() context: MemoryContext,
    @Arg('includeHistory', () => Boolean, { defaultValue: false, description: 'Also the facts that no longer hold.' })
    includeHistory: boolean,
  ): Promise<MemoryFactRecord[]> {
    requireConversationUser(context);
    return context.loaders.factsByClient.load(`${client.id}|${includeHistory ? 1 : 0}`);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean, {
    description: 'Erases everything remembered about a client: conversations, messages, facts and cached copies.',
  })
  async forgetClient(@Arg('clientId', () => ID) clientId: string, @Ctx() context: MemoryContext): Promise<boolean> {
    const id = parseId(clientId, 'clientId');
    const actor = auditActor(requireCaller(context));
    const conversations = await context.em.transactional(async (tx) => {
      const found = await tx.find(ConversationEntity, { clientId: id }, { fields: ['id'] });
      // Facts go first: a fact learned from a message must not outlive it, nor be left without a source.
      const facts = await tx.nativeDelete(MemoryFactEntity, { clientId: id });
      await tx.nativeDelete(ConversationEntity, { clientId: id });
      auditErasure(tx, actor, id, { facts, conversations: found.length });
      return found;
    });
    await context.cache.delete(conversations.map((conversation) => recentKey(conversation.id)));
    return true;
  }
}
