import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@nusa/subgraph';

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
  totalCount!: number;
}
