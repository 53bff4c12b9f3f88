import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '@nusa/subgraph';
import { DeadlineKind } from './practice.deadlines.js';
import { DocumentState, PracticeStatus, PracticeType } from './practice.enums.js';

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

@ObjectType({ description: "A line of a practice's document checklist." })
export class PracticeDocument {
  @Field(() => String, { description: 'The document, as the service catalog names it, for example "Passport valid 18 months".' })
  name!: string;

  @Field(() => DocumentState)
  state!: DocumentState;

  @Field(() => Date, { nullable: true, description: 'When the state was last set; null while never ticked.' })
  updatedAt!: Date | null;
}

registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  description: 'DUE: the next step is due; EXPIRY: the permit or registration expires.',
});

@ObjectType({ description: "A practice's next date that needs attention, counted in days from today in Bali (WITA)." })
export class PracticeDeadline {
  @Field(() => String, { description: 'YYYY-MM-DD' })
  date!: string;

  @Field(() => DeadlineKind)
  kind!: DeadlineKind;

  @Field(() => Int, { description: 'Days from today in Bali: 0 today, negative when overdue.' })
  daysLeft!: number;
}

@ObjectType()
export class PracticeEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Practice)
  node!: Practice;
}

@ObjectType({ description: 'A page of practices, newest first.' })
export class PracticeConnection {
  @Field(() => [PracticeEdge])
  edges!: PracticeEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many practices match the filter, over all pages.' })
  totalCount!: number | Promise<number>;
}
