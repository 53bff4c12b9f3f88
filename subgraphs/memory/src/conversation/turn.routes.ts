import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { idempotencyScope, MAX_IDEMPOTENCY_KEY_LENGTH, type Caller, type RouteHandler } from '@nusa/platform';
import { requestHash, type IdempotentRequest } from '@nusa/subgraph';
import type { InternalRoute } from '../internal/internal.routes.js';
import { routeSchemas as s } from '../internal/route-schemas.js';
import type { MessageStore } from '../message/message.store.js';
import { openTurn, turnContext } from './turn.service.js';

/** The idempotent request a turn is, when the asker sent a key: one question, once, per asker and key. */
function turnRequest(
  turn: { conversationId: string; content: string; onBehalfOf?: Caller | undefined },
  key: string | undefined,
): IdempotentRequest | undefined {
  const scope = key && turn.onBehalfOf ? idempotencyScope(turn.onBehalfOf) : undefined;
  if (!key || !scope) return undefined;
  return {
    scope,
    key,
    field: 'sendMessage',
    hash: requestHash('sendMessage', { conversationId: turn.conversationId, content: turn.content }),
  };
}

/** Chat's turns: open one (the question and its STREAMING answer) and read what a generation starts from. */
export function turnRoutes(route: InternalRoute, deps: { orm: MikroORM; messages: MessageStore }): Record<string, RouteHandler> {
  const { orm, messages } = deps;
  return {
    '/internal/turns': route(
      z.object({
        conversationId: s.id,
        content: z.string(),
        authorId: s.id.nullable().optional(),
        idempotencyKey: s.idempotencyKey.optional(),
        onBehalfOf: s.onBehalfOf,
        /** The asker's Idempotency-Key (their scope is `onBehalfOf`'s). */
        requestKey: z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).optional(),
      }),
      ({ requestKey, ...body }) => openTurn(orm.em.fork(), messages, { ...body, request: turnRequest(body, requestKey) }),
    ),
    '/internal/context': route(
      z.object({
        conversationId: s.id,
        query: z
          .string()
          .max(32 * 1024)
          .default(''),
        factLimit: z.number().int().min(1).max(50).default(10),
      }),
      (body) => turnContext(orm.em.fork(), messages, body.conversationId, body.query, body.factLimit),
    ),
  };
}
