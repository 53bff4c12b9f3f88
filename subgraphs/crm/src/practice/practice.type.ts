import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PracticeStatus, PracticeType } from './practice.enums.js';

@ObjectType({ description: "A client's case: a KITAS application, a company setup, a tax return." })
@Directive('@key(fields: "id")')
export class Practice {
  @Field(() => ID)
  id!: string;

  @Field(() => PracticeType)
  type!: PracticeType;

  @Field(() => PracticeStatus)
  status!: PracticeStatus;

  @Field(() => String, { description: 'A short description, for example "KITAS investor (E28A), new application".' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'When the next step is due (YYYY-MM-DD).' })
  dueDate!: string | null;

  @Field(() => String, { nullable: true, description: 'When the permit or registration expires (YYYY-MM-DD).' })
  expiryDate!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => Date)
  statusChangedAt!: Date;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
