import { IsISO8601, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PracticeType } from './practice.enums.js';

const DATE_MESSAGE = 'must be a date as YYYY-MM-DD';

@InputType()
export class OpenPracticeInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => PracticeType)
  type!: PracticeType;

  @Field(() => String, { nullable: true, description: 'Defaults to the service name of the type.' })
  @IsOptional()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  expiryDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}
