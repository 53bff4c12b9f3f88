import { forbidden, notFound, requireCaller, Role, type Caller, type ServiceContext } from '@nusa/shared';
import type { ConversationEntity } from './conversation.entity.js';

/**
 * Who sees a conversation: admins and platform services all; a team member those about a client
 * (the team shares its clients) and the ones they started; partners none.
 */
export function canSeeConversation(caller: Caller, conversation: Pick<ConversationEntity, 'clientId' | 'createdById'>): boolean {
  switch (caller.kind) {
    case 'service':
      return true;
    case 'member':
      return caller.role === Role.ADMIN || conversation.clientId !== null || conversation.createdById === caller.id;
    default:
      return false;
  }
}

/** Team members (and services) may use conversations at all; partners may not yet. */
export function requireConversationUser(context: ServiceContext): Exclude<Caller, { kind: 'anonymous' }> {
  const caller = requireCaller(context);
  if (caller.kind === 'apiKey') throw forbidden('Conversations are for the team; a partner key cannot read them');
  return caller;
}

/** The conversation when the caller may see it; otherwise NOT_FOUND, so its existence does not leak. */
export function visibleOrNotFound(caller: Caller, id: string, conversation: ConversationEntity | undefined): ConversationEntity {
  if (!conversation || !canSeeConversation(caller, conversation)) throw notFound('Conversation', id);
  return conversation;
}
