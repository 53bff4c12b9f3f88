import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
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

  @Field(() => Int, {
    nullable: true,
    description:
      'Subscriptions the key may hold open at once, across every gateway (1 to 1,000). Default: the gateway setting MAX_OPEN_SUBSCRIPTIONS.',
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  @Max(1000, { message: 'must be at most 1000' })
  maxSubscriptions?: number | null;
}
