import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A collection of the knowledge base, such as visa_oracle or kbli_eye.' })
export class KnowledgeCollection {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int)
  documentCount!: number;

  @Field(() => Int)
  chunkCount!: number;

  @Field(() => Int, { description: 'Documents past their validUntil day or not checked for longer than the review period.' })
  needsReviewCount!: number;

  @Field(() => String, { description: 'The embedder its vectors were made with.' })
  embedder!: string;
}
