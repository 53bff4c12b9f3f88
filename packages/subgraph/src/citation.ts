import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** Where an answer came from, as services store and pass it: a passage of a knowledge document. */
export interface CitationRecord {
  documentId: string;
  title: string;
  source: string | null;
  collection: string;
  chunkIndex: number;
  /** The headings the passage sits under, outermost first. */
  headingPath: string[];
}

/** Where an answer came from; the same shareable type in every subgraph that returns one. */
@ObjectType({ description: 'Where an answer came from: a passage of the knowledge base.' })
@Directive('@shareable')
export class Citation implements CitationRecord {
  @Field(() => ID)
  documentId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => String)
  collection!: string;

  @Field(() => Int)
  chunkIndex!: number;

  @Field(() => [String], { description: 'The headings the passage sits under, outermost first.' })
  headingPath!: string[];
}
