import { isUuid } from '@nusa/subgraph';
import type { MemoryContext } from '../context.js';
import { canSeeConversation, requireConversationUser } from '../conversation/conversation.access.js';
import type { MessageView } from './message.view.js';

/** Messages resolve for the callers who may see their conversation (the gateway asks this on every stream event). */
export async function resolveMessageReference(reference: { id: string }, context: MemoryContext): Promise<MessageView | null> {
  const caller = requireConversationUser(context);
  if (!isUuid(reference.id)) return null;
  const message = await context.loaders.messageById.load(reference.id.toLowerCase());
  if (!message) return null;
  const conversation = await context.loaders.conversationById.load(message.conversationId);
  return conversation && canSeeConversation(caller, conversation) ? message : null;
}
