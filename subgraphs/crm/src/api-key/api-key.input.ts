import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ApiScope } from './api-scope.js';

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { description: 'Who the key is for, for example the partner and the integration.' })
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => [ApiScope])
  @ArrayMinSize(1, { message: 'must name at least one scope' })
  @ArrayMaxSize(Object.keys(ApiScope).length)
  scopes!: ApiScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; in the future. Default: never.' })
  @IsOptional()
  expiresAt?: Date | null;
}
