import type { EntityManager } from '@mikro-orm/postgresql';
import type { MessageEntity } from '../message/message.entity.js';
import { OutboxEventEntity } from './outbox-event.entity.js';

/** The crm's event type for an assistant message finished as COMPLETE (`answer.completed` on the wire). */
export const ANSWER_COMPLETED = 'ANSWER_COMPLETED';

/**
 * Adds `answer.completed` for `message` to `em`'s unit of work, so the flush that completes the
 * message inserts it too. Citations carry the document id and title as stored with the answer.
 */
export function recordAnswerCompleted(em: EntityManager, message: MessageEntity, clientId: string | null): void {
  em.create(OutboxEventEntity, {
    type: ANSWER_COMPLETED,
    entityType: 'message',
    entityId: message.id,
    payload: {
      id: message.id,
      conversationId: message.conversation.id,
      clientId,
      content: message.content,
      citations: (message.citations ?? []).map((citation) => ({ documentId: citation.documentId, title: citation.title })),
      offline: message.offline,
      model: message.model,
      completedAt: (message.completedAt ?? new Date()).toISOString(),
    },
  });
}
