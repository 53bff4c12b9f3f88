import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PracticeType } from '../practice/practice.enums.js';

@ObjectType({ description: 'A service the agency sells, with its list price.' })
export class Service {
  @Field(() => ID, { description: 'Stable code, for example KITAS_INVESTOR.' })
  code!: string;

  @Field(() => PracticeType, { description: 'The kind of practice this service opens.' })
  type!: PracticeType;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int, { description: 'List price in Indonesian rupiah, government fees included.' })
  priceIdr!: number;

  @Field(() => Int)
  typicalDurationDays!: number;

  @Field(() => [String])
  requiredDocuments!: string[];
}
