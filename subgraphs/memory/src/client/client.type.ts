import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The CRM's client, to which this subgraph adds conversations and remembered facts. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Client {
  @Field(() => ID)
  id!: string;
}

/** The CRM's team member, referenced as an author; the CRM resolves its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class TeamMember {
  @Field(() => ID)
  id!: string;
}
