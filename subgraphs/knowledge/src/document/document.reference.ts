import { notFound, requireCaller, requireScope, Scope } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import type { KnowledgeContext } from '../context.js';
import type { DocumentView } from './document.view.js';

/**
 * A `KnowledgeDocument` another subgraph refers to, through the request's loader: N references cost
 * one statement. A malformed id is BAD_USER_INPUT and an unknown one NOT_FOUND.
 */
export async function resolveKnowledgeDocumentReference(reference: { id: string }, context: KnowledgeContext): Promise<DocumentView> {
  requireScope(requireCaller(context), Scope.KnowledgeRead);
  const document = await context.loaders.documentById.load(parseId(reference.id));
  if (!document) throw notFound('KnowledgeDocument', reference.id);
  return document;
}
