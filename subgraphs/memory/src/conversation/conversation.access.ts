import { notFound, requireCaller, requireScope, Role, Scope, type Caller, type ServiceContext } from '@nusa/platform';
import type { ConversationEntity } from './conversation.entity.js';

/**
 * Who sees a conversation: admins and platform services all; a team member those about a client
 * (the team shares its clients) and the ones they started. An API key with the `chat` scope is
 * treated as an agent: conversations about clients and the ones it started; without it, none.
 */
export function canSeeConversation(caller: Caller, conversation: Pick<ConversationEntity, 'clientId' | 'createdById'>): boolean {
  switch (caller.kind) {
    case 'service':
      return true;
    case 'member':
      return caller.role === Role.ADMIN || conversation.clientId !== null || conversation.createdById === caller.id;
    case 'apiKey':
      return caller.scopes.includes(Scope.Chat) && (conversation.clientId !== null || conversation.createdById === caller.id);
    default:
      return false;
  }
}

/** Team members, services and API keys with the `chat` scope may use conversations and memory at all. */
export function requireConversationUser(context: ServiceContext): Exclude<Caller, { kind: 'anonymous' }> {
  const caller = requireCaller(context);
  requireScope(caller, Scope.Chat);
  return caller;
}

/** The conversation when the caller may see it; otherwise NOT_FOUND, so its existence does not leak. */
export function visibleOrNotFound(caller: Caller, id: string, conversation: ConversationEntity | undefined): ConversationEntity {
  if (!conversation || !canSeeConversation(caller, conversation)) throw notFound('Conversation', id);
  return conversation;
}
