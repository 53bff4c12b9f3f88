import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Logger, RouteHandler } from '@nusa/platform';
import type { FactExtractor } from '../fact/fact.extractor.js';
import { learnFromTurn } from '../fact/fact.learning.js';
import { routeSchemas as s } from '../internal/route-schemas.js';
import type { InternalRoute } from '../internal/internal.routes.js';
import { MessageRole, MessageStatus } from './message.enums.js';
import type { MessageStore } from './message.store.js';

/**
 * Chat's writes and reads of single messages: append one, finish a STREAMING one (once; finishing
 * a final one changes nothing) and learn from the completed turn, read one the person may see, and
 * list those still streaming after a while (generations that may have lost their generator).
 */
export function messageRoutes(
  route: InternalRoute,
  deps: { orm: MikroORM; messages: MessageStore; extractor: FactExtractor; logger: Logger },
): Record<string, RouteHandler> {
  const { orm, messages } = deps;
  return {
    '/internal/messages': route(
      z.object({ conversationId: s.id, role: z.enum(MessageRole), content: z.string(), idempotencyKey: s.idempotencyKey.optional() }),
      async (body) => {
        const [message] = await messages.append(orm.em.fork(), body.conversationId, [
          { role: body.role, content: body.content, idempotencyKey: body.idempotencyKey ?? null },
        ]);
        return { message };
      },
    ),
    '/internal/messages/finish': route(
      z.object({
        messageId: s.id,
        status: z.enum([MessageStatus.COMPLETE, MessageStatus.FAILED, MessageStatus.CANCELLED]),
        content: z.string(),
        model: z.string().max(100).nullable().optional(),
        inputTokens: z.number().int().min(0).nullable().optional(),
        outputTokens: z.number().int().min(0).nullable().optional(),
        latencyMs: z.number().int().min(0).nullable().optional(),
        offline: z.boolean().optional(),
        citations: z.array(s.citation).optional(),
        error: z.string().max(2000).nullable().optional(),
      }),
      async ({ messageId, ...final }) => {
        const message = await messages.finish(orm.em.fork(), messageId, final);
        if (message.status === MessageStatus.COMPLETE && message.role === MessageRole.ASSISTANT) await learnFromTurn(deps, message);
        return { message };
      },
    ),
    '/internal/messages/get': route(z.object({ messageId: s.id, onBehalfOf: s.onBehalfOf }), async (body) => ({
      message: await messages.visible(orm.em.fork(), body.messageId, body.onBehalfOf),
    })),
    '/internal/messages/streaming': route(z.object({ olderThanMs: z.number().int().min(0) }), async (body) => ({
      messages: await messages.streamingSince(orm.em.fork(), body.olderThanMs),
    })),
  };
}
