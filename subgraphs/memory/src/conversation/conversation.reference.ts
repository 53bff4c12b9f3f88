import { type Caller } from '@nusa/platform';
import { isUuid } from '@nusa/subgraph';
import type { MemoryContext } from '../context.js';
import { canSeeConversation, requireConversationUser } from './conversation.access.js';
import type { ConversationEntity } from './conversation.entity.js';

export async function resolveConversationReference(reference: { id: string }, context: MemoryContext): Promise<ConversationEntity | null> {
  const caller: Caller = requireConversationUser(context);
  if (!isUuid(reference.id)) return null;
  const conversation = await context.loaders.conversationById.load(reference.id.toLowerCase());
  return conversation && canSeeConversation(caller, conversation) ? conversation : null;
}
