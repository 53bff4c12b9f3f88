import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Citation, PageInfo } from '@nusa/subgraph';
import { MessageRole, MessageStatus } from './message.enums.js';

@ObjectType({ description: 'One message of a conversation.' })
@Directive('@key(fields: "id")')
export class Message {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1, 2, 3 ... within its conversation, with no gaps.' })
  seq!: number;

  @Field(() => MessageRole)
  role!: MessageRole;

  @Field(() => String)
  content!: string;

  @Field(() => MessageStatus)
  status!: MessageStatus;

  @Field(() => String, { nullable: true, description: 'The model that wrote it, for assistant messages.' })
  model!: string | null;

  @Field(() => Int, { nullable: true })
  inputTokens!: number | null;

  @Field(() => Int, { nullable: true })
  outputTokens!: number | null;

  @Field(() => Int, { nullable: true, description: 'Generation time in milliseconds.' })
  latencyMs!: number | null;

  @Field(() => Boolean, { description: 'Written by the offline responder (no model key configured).' })
  offline!: boolean;

  @Field(() => [Citation])
  citations!: Citation[];

  @Field(() => String, { nullable: true, description: 'Why generation failed, for FAILED messages.' })
  error!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType()
export class MessageEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Message)
  node!: Message;
}

@ObjectType({ description: 'Messages in conversation order (oldest first).' })
export class MessageConnection {
  @Field(() => [MessageEdge])
  edges!: MessageEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
