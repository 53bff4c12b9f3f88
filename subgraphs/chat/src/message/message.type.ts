import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

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
