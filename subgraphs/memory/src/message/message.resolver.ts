import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { TeamMember } from '../client/client.type.js';
import type { MemoryContext } from '../context.js';
import { requireConversationUser, visibleOrNotFound } from '../conversation/conversation.access.js';
import type { ConversationEntity } from '../conversation/conversation.entity.js';
import { Conversation } from '../conversation/conversation.type.js';
import { Message } from './message.type.js';
import type { MessageView } from './message.view.js';

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => Conversation)
  async conversation(@Root() message: MessageView, @Ctx() context: MemoryContext): Promise<ConversationEntity> {
    const caller = requireConversationUser(context);
    return visibleOrNotFound(caller, message.conversationId, await context.loaders.conversationById.load(message.conversationId));
  }

  @FieldResolver(() => TeamMember, { nullable: true, description: 'Who wrote it, for messages of the team.' })
  author(@Root() message: MessageView): TeamMember | null {
    return message.authorId ? { id: message.authorId } : null;
  }
}
