import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class StartConversationInput {
  @Field(() => ID, { nullable: true, description: 'The client it is about. Without one, only you and admins see it.' })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: 'Default: "New conversation".' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title?: string | null;
}
