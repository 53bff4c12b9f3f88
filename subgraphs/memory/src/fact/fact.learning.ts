import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/platform';
import { serviceActor, type AuditActor } from '@nusa/subgraph';
import { ConversationEntity } from '../conversation/conversation.entity.js';
import { MessageEntity } from '../message/message.entity.js';
import { MessageRole } from '../message/message.enums.js';
import type { MessageView } from '../message/message.view.js';
import type { MemoryFactEntity } from './fact.entity.js';
import type { FactExtractor } from './fact.extractor.js';
import { recordFact } from './fact.store.js';

/** The actor of facts learned after an answer, which no caller asked for. */
const LEARNING = serviceActor('memory (learned from a conversation)');

/** Extracts facts from the user messages among `messages` and records each with its source, as `actor`'s write. */
export async function extractFromMessages(
  services: { em: EntityManager; extractor: FactExtractor },
  clientId: string,
  messages: MessageEntity[],
  actor: AuditActor,
): Promise<MemoryFactEntity[]> {
  const facts: MemoryFactEntity[] = [];
  for (const message of messages.filter((m) => m.role === MessageRole.USER)) {
    for (const candidate of await services.extractor.extract(message.content)) {
      facts.push(await recordFact(services.em, clientId, candidate, { sourceMessageId: message.id }, actor));
    }
  }
  return facts;
}

/**
 * After an answer completes: the facts in the user message that opened its turn, recorded for the
 * conversation's client. A failure here is logged and never fails the write that finished the answer.
 */
export async function learnFromTurn(deps: { orm: MikroORM; extractor: FactExtractor; logger: Logger }, answer: MessageView): Promise<void> {
  try {
    const em = deps.orm.em.fork();
    const conversation = await em.findOne(ConversationEntity, { id: answer.conversationId });
    if (!conversation?.clientId) return;
    const question = await em.findOne(
      MessageEntity,
      { conversation: conversation.id, seq: { $lt: answer.seq }, role: MessageRole.USER },
      { orderBy: { seq: 'desc' } },
    );
    if (question) await extractFromMessages({ em, extractor: deps.extractor }, conversation.clientId, [question], LEARNING);
  } catch (error) {
    deps.logger.error({ err: error, messageId: answer.id }, 'fact extraction failed');
  }
}
