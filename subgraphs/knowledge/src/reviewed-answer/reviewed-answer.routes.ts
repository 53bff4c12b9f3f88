import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Logger, RouteHandler } from '@nusa/platform';
import { internalRoute } from '@nusa/subgraph';
import type { ReviewedAnswerIndex } from './reviewed-answer.index.js';
import { recordServing, saveReviewedAnswer } from './reviewed-answer.store.js';
import { reviewedAnswerView } from './reviewed-answer.view.js';

/** Paths of the reviewed-answer routes, which the chat service calls. */
export const REVIEWED_ANSWER_ROUTES = {
  match: '/internal/reviewed-answers/match',
  save: '/internal/reviewed-answers/save',
  served: '/internal/reviewed-answers/served',
} as const;

/**
 * What the chat service asks of the reviewed answers, outside the public graph (platform services
 * only): the closest ACTIVE answer to a question (one round trip and no GraphQL execution, because
 * it stands before every answer's first token), saving one an admin reviewed in chat, and recording
 * which message was answered from which.
 */
export function reviewedAnswerRoutes(deps: {
  orm: MikroORM;
  index: ReviewedAnswerIndex;
  internalSecret: string;
  logger: Logger;
}): Record<string, RouteHandler> {
  const route = <T>(schema: z.ZodType<T>, handle: (body: T) => Promise<unknown>): RouteHandler =>
    internalRoute({ service: 'knowledge', internalSecret: deps.internalSecret, logger: deps.logger, schema, handle });
  return {
    [REVIEWED_ANSWER_ROUTES.match]: route(z.object({ question: z.string().max(32 * 1024) }), async ({ question }) => ({
      match: await deps.index.match(deps.orm.em.fork(), question),
    })),
    [REVIEWED_ANSWER_ROUTES.save]: route(
      z.object({
        id: z.string().nullable().optional(),
        question: z.string(),
        answer: z.string(),
        citations: z.array(z.object({ documentId: z.string(), chunkIndex: z.number().int().min(0) })),
        reviewer: z.object({ id: z.uuid().nullable(), name: z.string().min(1) }),
        sourceMessageId: z.uuid().nullable().optional(),
      }),
      async (draft) => ({ reviewedAnswer: reviewedAnswerView(await saveReviewedAnswer(deps.orm.em.fork(), draft)) }),
    ),
    [REVIEWED_ANSWER_ROUTES.served]: route(z.object({ messageId: z.uuid(), reviewedAnswerId: z.uuid() }), async (serving) => {
      await recordServing(deps.orm.em.fork(), serving);
      return { recorded: true };
    }),
  };
}
