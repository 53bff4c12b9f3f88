import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/** The knowledge subgraph's reviewed answer, referenced by id; its fields are resolved there. */
@ObjectType({ description: 'An answer an admin reviewed for a question; served at once to questions close enough to it.' })
@Directive('@key(fields: "id", resolvable: false)')
export class ReviewedAnswer {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'A passage a reviewed answer cites.' })
export class CitationRefInput {
  @Field(() => ID)
  documentId!: string;

  @Field(() => Int)
  chunkIndex!: number;
}

@InputType()
export class SaveReviewedAnswerInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A complete assistant message: its question, text and citations are the defaults of the fields below.',
  })
  messageId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A reviewed answer to review again (one that needs review becomes ACTIVE).' })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'The question it answers; required without messageId.' })
  question?: string | null;

  @Field(() => String, { nullable: true, description: 'The answer as reviewed (edited as needed); required without messageId.' })
  answer?: string | null;

  @Field(() => [CitationRefInput], { nullable: true, description: "The passages it cites; default: the message's citations." })
  citations?: CitationRefInput[] | null;
}
