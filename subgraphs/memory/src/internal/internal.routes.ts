import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound, type Caller, type Logger, type RouteHandler } from '@nusa/platform';
import { internalRoute } from '@nusa/subgraph';
import { canSeeConversation } from '../conversation/conversation.access.js';
import { ConversationEntity } from '../conversation/conversation.entity.js';
import { MemoryFactEntity } from '../fact/fact.entity.js';
import type { FactExtractor } from '../fact/fact.extractor.js';
import { extractFromMessages } from '../fact/fact.resolver.js';
import { rankFacts } from '../fact/fact.search.js';
import { MessageEntity } from '../message/message.entity.js';
import { MessageRole, MessageStatus } from '../message/message.enums.js';
import type { MessageStore } from '../message/message.store.js';
import { toMessageView, type MessageView } from '../message/message.view.js';

const id = z.uuid();
const key = z.string().min(1).max(180);
/** The person a service acts for; the route answers NOT_FOUND for what they may not see. */
const onBehalfOf = z
  .object({ kind: z.enum(['anonymous', 'member', 'apiKey', 'service']) })
  .loose()
  .transform((caller) => caller as unknown as Caller)
  .optional();
const citation = z.object({
  documentId: z.string(),
  title: z.string(),
  source: z.string().nullable(),
  collection: z.string(),
  chunkIndex: z.number().int(),
  headingPath: z.array(z.string()).optional(),
});

/**
 * The API the chat subgraph writes messages through, outside the public graph. Every write is
 * idempotent: a repeated idempotency key returns what the first call wrote, and finishing a
 * message that is already final changes nothing.
 */
export function internalRoutes(deps: {
  orm: MikroORM;
  messages: MessageStore;
  extractor: FactExtractor;
  internalSecret: string;
  logger: Logger;
}): Record<string, RouteHandler> {
  const { orm, messages, extractor, logger } = deps;
  const route = <T>(schema: z.ZodType<T>, handle: (body: T) => Promise<unknown>) =>
    internalRoute({ service: 'memory', internalSecret: deps.internalSecret, logger, schema, handle });

  /** Facts from the user message that opened a completed turn; a failure here never fails the write. */
  const learnFromTurn = async (answer: MessageView) => {
    try {
      const em = orm.em.fork();
      const conversation = await em.findOne(ConversationEntity, { id: answer.conversationId });
      if (!conversation?.clientId) return;
      const question = await em.findOne(
        MessageEntity,
        { conversation: conversation.id, seq: { $lt: answer.seq }, role: MessageRole.USER },
        { orderBy: { seq: 'desc' } },
      );
      if (question) await extractFromMessages({ em, extractor }, conversation.clientId, [question]);
    } catch (error) {
      logger.error({ err: error, messageId: answer.id }, 'fact extraction failed');
    }
  };

  return {
    '/internal/turns': route(
      z.object({
        conversationId: id,
        content: z.string(),
        authorId: id.nullable().optional(),
        idempotencyKey: key.optional(),
        onBehalfOf,
      }),
      async (body) => {
        const em = orm.em.fork();
        if (body.onBehalfOf) {
          const conversation = await em.findOne(ConversationEntity, { id: body.conversationId });
          if (!conversation || !canSeeConversation(body.onBehalfOf, conversation)) throw notFound('Conversation', body.conversationId);
        }
        const [userMessage, assistantMessage] = await messages.append(em, body.conversationId, [
          {
            role: MessageRole.USER,
            content: body.content,
            authorId: body.authorId ?? null,
            idempotencyKey: body.idempotencyKey ? `${body.idempotencyKey}:user` : null,
          },
          {
            role: MessageRole.ASSISTANT,
            content: '',
            status: MessageStatus.STREAMING,
            idempotencyKey: body.idempotencyKey ? `${body.idempotencyKey}:assistant` : null,
          },
        ]);
        return { userMessage, assistantMessage };
      },
    ),
    '/internal/messages': route(
      z.object({ conversationId: id, role: z.enum(MessageRole), content: z.string(), idempotencyKey: key.optional() }),
      async (body) => {
        const [message] = await messages.append(orm.em.fork(), body.conversationId, [
          { role: body.role, content: body.content, idempotencyKey: body.idempotencyKey ?? null },
        ]);
        return { message };
      },
    ),
    '/internal/messages/finish': route(
      z.object({
        messageId: id,
        status: z.enum([MessageStatus.COMPLETE, MessageStatus.FAILED, MessageStatus.CANCELLED]),
        content: z.string(),
        model: z.string().max(100).nullable().optional(),
        inputTokens: z.number().int().min(0).nullable().optional(),
        outputTokens: z.number().int().min(0).nullable().optional(),
        latencyMs: z.number().int().min(0).nullable().optional(),
        offline: z.boolean().optional(),
        citations: z.array(citation).optional(),
        error: z.string().max(2000).nullable().optional(),
      }),
      async ({ messageId, ...final }) => {
        const message = await messages.finish(orm.em.fork(), messageId, final);
        if (message.status === MessageStatus.COMPLETE && message.role === MessageRole.ASSISTANT) await learnFromTurn(message);
        return { message };
      },
    ),
    '/internal/messages/get': route(z.object({ messageId: id, onBehalfOf }), async (body) => {
      const em = orm.em.fork();
      const message = await em.findOne(MessageEntity, { id: body.messageId }, { populate: ['conversation'] });
      if (!message || (body.onBehalfOf && !canSeeConversation(body.onBehalfOf, message.conversation.getEntity()))) {
        throw notFound('Message', body.messageId);
      }
      return { message: toMessageView(message) };
    }),
    '/internal/messages/streaming': route(z.object({ olderThanMs: z.number().int().min(0) }), async (body) => {
      const rows = await orm.em
        .fork()
        .find(
          MessageEntity,
          { status: MessageStatus.STREAMING, createdAt: { $lt: new Date(Date.now() - body.olderThanMs) } },
          { orderBy: { createdAt: 'asc' }, limit: 500 },
        );
      return { messages: rows.map(toMessageView) };
    }),
    '/internal/context': route(
      z.object({
        conversationId: id,
        query: z
          .string()
          .max(32 * 1024)
          .default(''),
        factLimit: z.number().int().min(1).max(50).default(10),
      }),
      async (body) => {
        const em = orm.em.fork();
        const conversation = await em.findOne(ConversationEntity, { id: body.conversationId });
        if (!conversation) throw notFound('Conversation', body.conversationId);
        const recent = await messages.recent(em, conversation.id);
        const facts = conversation.clientId
          ? rankFacts(await em.find(MemoryFactEntity, { clientId: conversation.clientId, validTo: null }), body.query, body.factLimit)
          : [];
        return {
          conversation: { id: conversation.id, clientId: conversation.clientId, title: conversation.title },
          recent,
          facts: facts.map((fact) => ({ id: fact.id, kind: fact.kind, content: fact.content, validFrom: fact.validFrom })),
        };
      },
    ),
  };
}
