import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { badUserInput, notFound } from '@nusa/platform';
import { auditActor, entityResult, Idempotent, parseId } from '@nusa/subgraph';
import { MemoryAuditAction } from '../audit/memory-audit.entity.js';
import { auditFact, factFields } from '../audit/memory-audit.service.js';
import { Client } from '../client/client.type.js';
import type { MemoryContext } from '../context.js';
import type { MemoryFactRecord } from '../loaders.js';
import { requireConversationUser, visibleOrNotFound } from '../conversation/conversation.access.js';
import { MessageEntity } from '../message/message.entity.js';
import { Message } from '../message/message.type.js';
import type { MessageView } from '../message/message.view.js';
import { MemoryFactEntity } from './fact.entity.js';
import { extractFromMessages } from './fact.learning.js';
import { RememberFactInput } from './fact.input.js';
import { rankFacts } from './fact.search.js';
import { kindOf, recordFact } from './fact.store.js';
import { MemoryFact } from './fact.type.js';

const MAX_QUERY_LENGTH = 1000;
const MAX_LIMIT = 50;

async function requireClient(context: MemoryContext, clientId: string, field: string): Promise<string> {
  const id = parseId(clientId, field);
  if (!(await context.crm.existingClients([id])).has(id)) throw notFound('Client', clientId);
  return id;
}

@Resolver(() => MemoryFact)
export class FactResolver {
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @Query(() => [MemoryFact], { description: "A client's current facts ranked for a query: words in common first, then recency." })
  async searchMemory(
    @Ctx() context: MemoryContext,
    @Arg('limit', () => Int, { nullable: true, description: '1 to 50. Default 10.' }) limit: number | null,
    @Arg('query', () => String) query: string,
    @Arg('clientId', () => ID) clientId: string,
  ): Promise<MemoryFactRecord[]> {
    requireConversationUser(context);
    if (query.length > MAX_QUERY_LENGTH) throw badUserInput('query', `must be at most ${MAX_QUERY_LENGTH} characters`);
    const size = limit ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) throw badUserInput('limit', `must be between 1 and ${MAX_LIMIT}`);
    const facts = await context.loaders.factsByClient.load(`${parseId(clientId, 'clientId')}|0`);
    return rankFacts(facts, query, size);
  }

  @Mutation(() => MemoryFact, { description: 'Tells the assistant a fact about a client; a restatement refreshes the fact it repeats.' })
  @UseMiddleware(Idempotent(entityResult(MemoryFactEntity)))
  async rememberFact(
    @Arg('input', () => RememberFactInput) input: RememberFactInput,
    @Ctx() context: MemoryContext,
  ): Promise<MemoryFactEntity> {
    const caller = requireConversationUser(context);
    const clientId = await requireClient(context, input.clientId, 'input.clientId');
    const content = input.content.trim();
    return recordFact(
      context.em,
      clientId,
      { kind: input.kind ?? kindOf(content), slot: null, content },
      { createdById: caller.kind === 'member' ? caller.id : null },
      auditActor(caller),
    );
  }

  @Mutation(() => Boolean, { description: 'Forgets a fact and the earlier versions it superseded.' })
  @UseMiddleware(Idempotent())
  async forgetFact(@Arg('id', () => ID) id: string, @Ctx() context: MemoryContext): Promise<boolean> {
    const actor = auditActor(requireConversationUser(context));
    await context.em.transactional(async (tx) => {
      const fact = await tx.findOne(MemoryFactEntity, { id: parseId(id) });
      if (!fact) throw notFound('MemoryFact', id);
      const forgotten = fact.slot ? await tx.find(MemoryFactEntity, { clientId: fact.clientId, slot: fact.slot }) : [fact];
      for (const each of forgotten) auditFact(tx, actor, MemoryAuditAction.FACT_FORGOTTEN, each, factFields(each));
      await tx.nativeDelete(MemoryFactEntity, { id: { $in: forgotten.map((each) => each.id) } });
    });
    return true;
  }

  @Mutation(() => [MemoryFact], { description: "Reads a conversation's messages again and records the facts found in them." })
  async extractMemory(@Arg('conversationId', () => ID) conversationId: string, @Ctx() context: MemoryContext): Promise<MemoryFactEntity[]> {
    const caller = requireConversationUser(context);
    const conversation = visibleOrNotFound(
      caller,
      conversationId,
      await context.loaders.conversationById.load(parseId(conversationId, 'conversationId')),
    );
    if (!conversation.clientId) throw badUserInput('conversationId', 'is not about a client, so there is nobody to remember facts about');
    const messages = await context.em.find(MessageEntity, { conversation: conversation.id }, { orderBy: { seq: 'asc' } });
    return extractFromMessages(context, conversation.clientId, messages, auditActor(caller));
  }

  @FieldResolver(() => Client)
  client(@Root() fact: MemoryFactRecord): Client {
    return { id: fact.clientId };
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The message it was learned from; null for facts told with rememberFact.' })
  async sourceMessage(@Root() fact: MemoryFactRecord, @Ctx() context: MemoryContext): Promise<MessageView | null> {
    return fact.sourceMessage ? ((await context.loaders.messageById.load(fact.sourceMessage.id)) ?? null) : null;
  }

  @FieldResolver(() => MemoryFact, { nullable: true, description: 'The fact that replaced this one, if it no longer holds.' })
  async supersededBy(@Root() fact: MemoryFactRecord, @Ctx() context: MemoryContext): Promise<MemoryFactRecord | null> {
    return fact.supersededById ? ((await context.loaders.factById.load(fact.supersededById)) ?? null) : null;
  }
}
