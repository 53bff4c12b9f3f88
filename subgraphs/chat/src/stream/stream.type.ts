import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Message, MessageStatus } from '../message/message.type.js';

@ObjectType({ description: "One event of an answer's token stream." })
export class MessageStreamEvent {
  @Field(() => ID)
  messageId!: string;

  @Field(() => Int, { description: '1, 2, 3 ... with no gaps; pass the last one you saw as afterSeq to resume.' })
  seq!: number;

  @Field(() => String, { description: 'The next piece of the answer; empty on the final event.' })
  delta!: string;

  @Field(() => Boolean, { description: 'True on the last event of the stream.' })
  done!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the answer failed or stopped, on a final event that is not COMPLETE.' })
  error!: string | null;

  @Field(() => MessageStatus, { description: 'STREAMING until the final event, which carries how the answer ended.' })
  status!: MessageStatus;

  @Field(() => Message, { description: 'The message being written, resolved by the memory subgraph.' })
  message!: Message;
}

@ObjectType({ description: "Where an answer's token stream stands." })
export class Generation {
  @Field(() => ID)
  messageId!: string;

  @Field(() => Int, { description: 'The last seq stored (0: none yet).' })
  lastSeq!: number;

  @Field(() => Boolean)
  done!: boolean;

  @Field(() => Boolean, { description: 'Whether a generator is writing it now.' })
  running!: boolean;
}
