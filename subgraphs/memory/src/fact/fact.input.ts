import { Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FactKind } from './fact.enums.js';

@InputType()
export class RememberFactInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => String)
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  content!: string;

  @Field(() => FactKind, { nullable: true, description: 'Guessed from the words when omitted.' })
  kind?: FactKind | null;
}
