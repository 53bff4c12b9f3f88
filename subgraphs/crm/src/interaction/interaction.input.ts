import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { InteractionChannel } from './interaction-channel.js';

@InputType()
export class LogInteractionInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => ID, { nullable: true, description: 'The practice this contact was about, if any; it must belong to the client.' })
  practiceId?: string | null;

  @Field(() => InteractionChannel)
  channel!: InteractionChannel;

  @Field(() => String)
  @Length(1, 10_000, { message: 'must be 1 to 10000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  summary!: string;

  @Field(() => Date, { nullable: true, description: 'When it happened. Default: now. Not in the future.' })
  @IsOptional()
  occurredAt?: Date | null;
}
