import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ChatContext } from '../context.js';
import { generationOf, statusOf, streamOf } from './stream.service.js';
import { Generation, MessageStreamEvent } from './stream.type.js';
import type { StreamEvent } from './token-log.js';

@Resolver()
export class StreamResolver {
  @Query(() => Generation, { description: "Where an answer's token stream stands. NOT_FOUND when the message is not yours to see." })
  generation(@Arg('messageId', () => ID) messageId: string, @Ctx() context: ChatContext): Promise<Generation> {
    return generationOf(context, messageId);
  }

  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @Subscription(() => MessageStreamEvent, {
    description:
      "An answer's tokens as they are written. afterSeq (default 0) replays every event after it, then goes live with no gap and no duplicate; the stream ends after the event with done: true.",
    subscribe: ({ args, context }) => {
      const { messageId, afterSeq } = args as { messageId: string; afterSeq?: number | null };
      return streamOf(context as ChatContext, messageId, afterSeq);
    },
  })
  messageStream(
    @Root() event: StreamEvent,
    @Arg('afterSeq', () => Int, { nullable: true }) _afterSeq: number | null,
    @Arg('messageId', () => ID) _messageId: string,
  ): MessageStreamEvent {
    return { ...event, status: statusOf(event), message: { id: event.messageId } };
  }
}
