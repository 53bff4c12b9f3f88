import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { RouteHandler } from '@nusa/platform';
import type { InternalRoute } from '../internal/internal.routes.js';
import { routeSchemas as s } from '../internal/route-schemas.js';
import type { MessageStore } from '../message/message.store.js';
import { openTurn, turnContext } from './turn.service.js';

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
      }),
      (body) => openTurn(orm.em.fork(), messages, body),
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
