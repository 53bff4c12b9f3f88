import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@nusa/subgraph';
import { Message } from '../message/message.type.js';
import { ConversationEventKind } from './conversation.events.js';

@ObjectType({ description: 'A conversation with the assistant, usually about one client.' })
@Directive('@key(fields: "id")')
export class Conversation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int)
  messageCount!: number;

  @Field(() => Date, { nullable: true })
  lastMessageAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class ConversationEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Conversation)
  node!: Conversation;
}

@ObjectType({ description: 'Conversations, most recently started first.' })
export class ConversationConnection {
  @Field(() => [ConversationEdge])
  edges!: ConversationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number | Promise<number>;
}

@ObjectType({ description: 'A change in a conversation, as `conversationEvents` delivers it.' })
export class ConversationEvent {
  @Field(() => ConversationEventKind)
  kind!: ConversationEventKind;

  @Field(() => Date)
  at!: Date;

  @Field(() => Conversation)
  conversation!: Conversation;

  @Field(() => Message, { description: 'The message added or changed, as it is now.' })
  message!: Message;
}
