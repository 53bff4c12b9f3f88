import type { EntityManager } from '@mikro-orm/postgresql';
import { documentLoaders } from './document/document.loaders.js';
import { reviewedAnswerLoaders } from './reviewed-answer/reviewed-answer.loaders.js';

/**
 * Every loader a knowledge request may use, made fresh per request so nothing is cached across
 * callers. They read records, not entities: N documents with their chunks cost two statements.
 */
export function createLoaders(em: EntityManager) {
  return { ...documentLoaders(em), ...reviewedAnswerLoaders(em) };
}

export type KnowledgeLoaders = ReturnType<typeof createLoaders>;
