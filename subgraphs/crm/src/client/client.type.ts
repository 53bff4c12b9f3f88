import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@nusa/subgraph';
import { ClientStatus } from './client-status.js';

@ObjectType({ description: 'A person the agency serves.' })
@Directive('@key(fields: "id")')
export class Client {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'E.164, for example +6281234567890.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, for example AU.' })
  nationality!: string | null;

  @Field(() => ClientStatus)
  status!: ClientStatus;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class ClientEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Client)
  node!: Client;
}

@ObjectType({ description: 'A page of clients, newest first.' })
export class ClientConnection {
  @Field(() => [ClientEdge])
  edges!: ClientEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many clients match the filter, over all pages.' })
  totalCount!: number | Promise<number>;
}
