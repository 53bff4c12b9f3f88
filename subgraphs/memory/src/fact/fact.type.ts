import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FactKind, FactSource } from './fact.enums.js';

@ObjectType({ description: 'Something the assistant remembers about a client, with where it learned it.' })
@Directive('@key(fields: "id")')
export class MemoryFact {
  @Field(() => ID)
  id!: string;

  @Field(() => FactKind)
  kind!: FactKind;

  @Field(() => String)
  content!: string;

  @Field(() => FactSource)
  source!: FactSource;

  @Field(() => Date, { description: 'Since when it holds.' })
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Until when it held; null while it still holds.' })
  validTo!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
