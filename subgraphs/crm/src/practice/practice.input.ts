import { IsISO8601, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PracticeStatus, PracticeType } from './practice.enums.js';

const DATE_MESSAGE = 'must be a date as YYYY-MM-DD';

/** An optional calendar day as YYYY-MM-DD (a real date, nothing else), the one rule every practice date follows. */
function OptionalDay(): PropertyDecorator {
  const rules = [
    IsOptional(),
    IsISO8601({ strict: true }, { message: DATE_MESSAGE }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE }),
  ];
  return (target, property) => {
    for (const rule of rules) rule(target, property);
  };
}

@InputType()
export class OpenPracticeInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => PracticeType)
  type!: PracticeType;

  @Field(() => ID, {
    nullable: true,
    description:
      "The catalog service (its code, of this type) the practice is for: its required documents become the practice's checklist.",
  })
  @IsOptional()
  @MaxLength(64)
  serviceCode?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to the service's name, else a name for the type." })
  @IsOptional()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @OptionalDay()
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @OptionalDay()
  expiryDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}

@InputType({ description: 'Fields to change; an omitted field stays as it is, null clears an optional one.' })
export class UpdatePracticeInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @OptionalDay()
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @OptionalDay()
  expiryDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class PracticeFilter {
  @Field(() => ID, { nullable: true, description: 'Practices assigned to this team member.' })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: practices assigned to the signed-in member (none for an API key).' })
  assignedToMe?: boolean | null;

  @Field(() => [PracticeStatus], { nullable: true, description: 'Practices in any of these statuses.' })
  statuses?: PracticeStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only practices not COMPLETED or CANCELLED; false: only those.' })
  open?: boolean | null;

  @Field(() => PracticeType, { nullable: true })
  type?: PracticeType | null;

  @Field(() => ID, { nullable: true })
  clientId?: string | null;
}
