import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityLoader } from '@nusa/subgraph';
import { ReviewedAnswerEntity, ReviewedAnswerServingEntity } from './reviewed-answer.entity.js';

/** The reviewed-answer loaders of one request: N answers, or N messages' marks, cost one statement. */
export function reviewedAnswerLoaders(em: EntityManager) {
  return {
    reviewedAnswerById: entityLoader(em, ReviewedAnswerEntity),
    /** How each message was served from a reviewed answer, if it was. */
    servingByMessage: new DataLoader<string, ReviewedAnswerServingEntity | undefined>(async (ids) => {
      const rows = await em.find(ReviewedAnswerServingEntity, { messageId: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.messageId, row]));
      return ids.map((id) => byId.get(id));
    }),
  };
}
