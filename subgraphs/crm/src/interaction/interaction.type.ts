import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { InteractionChannel } from './interaction-channel.js';

@ObjectType({ description: 'A contact with a client (a message, a call, a meeting) or an internal note.' })
@Directive('@key(fields: "id")')
export class Interaction {
  @Field(() => ID)
  id!: string;

  @Field(() => InteractionChannel)
  channel!: InteractionChannel;

  @Field(() => String)
  summary!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Date)
  createdAt!: Date;
}
