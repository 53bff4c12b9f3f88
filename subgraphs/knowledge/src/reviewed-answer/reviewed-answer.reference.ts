import { isUuid, referenceVia } from '@nusa/subgraph';
import { Scope } from '@nusa/platform';
import type { KnowledgeContext } from '../context.js';
import { reviewedAnswerView, type ReviewedAnswerView } from './reviewed-answer.view.js';

/** A `ReviewedAnswer` another subgraph refers to (chat's saveReviewedAnswer), through the request's loader. */
export async function resolveReviewedAnswerReference(
  reference: { id: string },
  context: KnowledgeContext,
): Promise<ReviewedAnswerView | null> {
  const entity = await referenceVia((c: KnowledgeContext) => c.loaders.reviewedAnswerById, Scope.KnowledgeRead)(reference, context);
  return entity ? reviewedAnswerView(entity) : null;
}

/** A message memory owns: the knowledge subgraph only adds `reviewed` to it, so any well-formed id resolves. */
export function resolveMessageReference(reference: { id: string }): { id: string } | null {
  return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
}
