import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The memory subgraph's message, referenced by id; its fields are resolved there. */
@ObjectType({ description: 'One message of a conversation.' })
@Directive('@key(fields: "id", resolvable: false)')
export class Message {
  @Field(() => ID)
  id!: string;
}

export enum MessageStatus {
  STREAMING = 'STREAMING',
  COMPLETE = 'COMPLETE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'STREAMING while the assistant writes it; then COMPLETE, FAILED or CANCELLED, for good.',
});

@InputType()
export class SendMessageInput {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => String, { description: 'The question, 1 byte to 32 KiB of UTF-8.' })
  content!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Sending again with the same key returns the first result and starts nothing (safe retries).',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class SendMessagePayload {
  @Field(() => Message, { description: 'The question, stored.' })
  userMessage!: Message;

  @Field(() => Message, { description: 'The answer, STREAMING until it ends; subscribe to messageStream with its id.' })
  assistantMessage!: Message;

  @Field(() => Boolean, { description: 'Whether the answer comes from the offline responder (no model key configured).' })
  offline!: boolean;
}

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
