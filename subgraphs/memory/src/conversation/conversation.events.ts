import { registerEnumType } from 'type-graphql';
import type { EventBus } from '@nusa/subgraph';
import type { MessageView } from '../message/message.view.js';

export enum ConversationEventKind {
  MESSAGE_ADDED = 'MESSAGE_ADDED',
  MESSAGE_STATUS_CHANGED = 'MESSAGE_STATUS_CHANGED',
}

registerEnumType(ConversationEventKind, {
  name: 'ConversationEventKind',
  description:
    'What changed in a conversation: a message was added (a question, an answer starting), or a message reached its final status.',
});

/** An event as it travels between instances: what changed, never the content (subscribers read that). */
export interface ConversationEventPayload {
  kind: ConversationEventKind;
  conversationId: string;
  messageId: string;
  at: string;
}

export const conversationTopic = (conversationId: string) => `conversation:${conversationId}`;

/** Tells every subscriber of the messages' conversation, on any instance, once the write has committed. */
export async function publishMessageEvents(events: EventBus, kind: ConversationEventKind, messages: MessageView[]): Promise<void> {
  const at = new Date().toISOString();
  for (const message of messages) {
    const payload: ConversationEventPayload = { kind, conversationId: message.conversationId, messageId: message.id, at };
    await events.publish(conversationTopic(message.conversationId), payload);
  }
}
