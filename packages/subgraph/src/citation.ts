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
  /** When the document was last checked (an ISO date-time once it has travelled as JSON). */
  lastCheckedAt?: Date | string | null;
  /** Whether the document needed review (past its validUntil day, or long unchecked) when it was cited. */
  stale?: boolean | null;
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

  @Field(() => Date, { nullable: true, description: 'When the document was last checked; null where it was not recorded.' })
  lastCheckedAt?: Date | string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the document needed review (past its validUntil day, or long unchecked) when cited; null where not recorded.',
  })
  stale?: boolean | null;
}
