import type { MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { Logger, RouteHandler } from '@nusa/platform';
import { internalRoute } from '@nusa/subgraph';
import { turnRoutes } from '../conversation/turn.routes.js';
import type { FactExtractor } from '../fact/fact.extractor.js';
import { messageRoutes } from '../message/message.routes.js';
import type { MessageStore } from '../message/message.store.js';

/** Makes one internal route: a JSON POST for platform services only, its body checked against `schema`. */
export type InternalRoute = <T>(schema: z.ZodType<T>, handle: (body: T) => Promise<unknown>) => RouteHandler;

/**
 * The API the chat subgraph writes messages through, outside the public graph: each feature's
 * routes. Every write is idempotent: a repeated idempotency key returns what the first call wrote,
 * and finishing a message that is already final changes nothing.
 */
export function internalRoutes(deps: {
  orm: MikroORM;
  messages: MessageStore;
  extractor: FactExtractor;
  internalSecret: string;
  logger: Logger;
}): Record<string, RouteHandler> {
  const route: InternalRoute = (schema, handle) =>
    internalRoute({ service: 'memory', internalSecret: deps.internalSecret, logger: deps.logger, schema, handle });
  return { ...turnRoutes(route, deps), ...messageRoutes(route, deps) };
}
