import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import type { MemoryContext } from '../context.js';
import { createLoaders, type ConversationRecord, type MemoryLoaders } from '../loaders.js';
import type { MessageView } from '../message/message.view.js';
import { requireConversationUser, visibleOrNotFound } from './conversation.access.js';
import { conversationTopic, type ConversationEventKind, type ConversationEventPayload } from './conversation.events.js';
import { Conversation, ConversationEvent } from './conversation.type.js';
import { Message } from '../message/message.type.js';

/** An event being resolved: its payload, and loaders of its own (a subscription's context lives as long as it does). */
interface ResolvingEvent {
  kind: ConversationEventKind;
  at: Date;
  conversationId: string;
  messageId: string;
  loaders: MemoryLoaders;
}

async function subscribeToConversation(context: MemoryContext, id: string): Promise<AsyncIterable<ConversationEventPayload>> {
  const caller = requireConversationUser(context);
  const conversationId = parseId(id, 'conversationId');
  visibleOrNotFound(caller, conversationId, await context.loaders.conversationById.load(conversationId));
  return context.events.subscribe<ConversationEventPayload>(conversationTopic(conversationId));
}

@Resolver(() => ConversationEvent)
export class ConversationEventResolver {
  @Subscription(() => ConversationEvent, {
    description:
      'Changes to a conversation as they happen, on whichever instance they are made: messages added and messages reaching their final status. NOT_FOUND when it is not yours to see. Events carry what is current when they are delivered; one missed while disconnected is not replayed (read the conversation again on reconnect).',
    subscribe: ({ args, context }) =>
      subscribeToConversation(context as MemoryContext, (args as { conversationId: string }).conversationId),
  })
  conversationEvents(
    @Root() payload: ConversationEventPayload,
    @Arg('conversationId', () => ID) _conversationId: string,
    @Ctx() context: MemoryContext,
  ): ResolvingEvent {
    return { ...payload, at: new Date(payload.at), loaders: createLoaders(context.em.fork()) };
  }

  @FieldResolver(() => Conversation)
  async conversation(@Root() event: ResolvingEvent): Promise<ConversationRecord> {
    const conversation = await event.loaders.conversationById.load(event.conversationId);
    if (!conversation) throw notFound('Conversation', event.conversationId);
    return conversation;
  }

  @FieldResolver(() => Message)
  async message(@Root() event: ResolvingEvent): Promise<MessageView> {
    const message = await event.loaders.messageById.load(event.messageId);
    if (!message) throw notFound('Message', event.messageId);
    return message;
  }
}
