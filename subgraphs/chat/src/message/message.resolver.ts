import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ChatContext } from '../context.js';
import { cancelGeneration, sendMessage } from './message.service.js';
import { SendMessageInput, SendMessagePayload } from './message.type.js';

@Resolver()
export class MessageResolver {
  @Mutation(() => SendMessagePayload, {
    description:
      'Stores the question, opens the answer (STREAMING) and starts writing it in the background; subscribe to messageStream with the answer id.',
  })
  sendMessage(@Arg('input', () => SendMessageInput) input: SendMessageInput, @Ctx() context: ChatContext): Promise<SendMessagePayload> {
    return sendMessage(context, input);
  }

  @Mutation(() => Boolean, {
    description: 'Stops an answer being written; it ends CANCELLED with what was written so far. False when it had already ended.',
  })
  cancelGeneration(@Arg('messageId', () => ID) messageId: string, @Ctx() context: ChatContext): Promise<boolean> {
    return cancelGeneration(context, messageId);
  }
}
