import { referenceVia } from '@nusa/subgraph';
import type { MemoryContext } from '../context.js';
import { requireConversationUser } from '../conversation/conversation.access.js';

const viaLoader = referenceVia((context: MemoryContext) => context.loaders.factById);

export function resolveMemoryFactReference(reference: { id: string }, context: MemoryContext) {
  requireConversationUser(context);
  return viaLoader(reference, context);
}
