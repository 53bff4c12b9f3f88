import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Citation } from '@nusa/subgraph';
import { ReviewedAnswerStatus } from './reviewed-answer.entity.js';

registerEnumType(ReviewedAnswerStatus, {
  name: 'ReviewedAnswerStatus',
  description: 'ACTIVE: served to close questions; NEEDS_REVIEW: a cited document changed, not served; RETIRED: taken out of service.',
});

@ObjectType({ description: 'An answer an admin reviewed for a question; served at once to questions close enough to it.' })
@Directive('@key(fields: "id")')
export class ReviewedAnswer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  question!: string;

  @Field(() => String)
  answer!: string;

  @Field(() => [Citation])
  citations!: Citation[];

  @Field(() => ReviewedAnswerStatus)
  status!: ReviewedAnswerStatus;

  @Field(() => String, { nullable: true, description: 'Why it needs review: which cited document was re-ingested or deleted, and when.' })
  reviewNote!: string | null;

  @Field(() => String, { description: 'The name of the admin who reviewed it.' })
  reviewedBy!: string;

  @Field(() => Date)
  reviewedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The assistant message it was saved from, if any.' })
  sourceMessageId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ description: 'That an answer was served from a reviewed answer, and whose review it was.' })
export class ReviewMark {
  @Field(() => String, { description: 'Who reviewed the answer, as it stood when it was served.' })
  reviewedBy!: string;

  @Field(() => Date)
  reviewedAt!: Date;

  @Field(() => ReviewedAnswer, {
    description: 'The reviewed answer it was served from (it may have been reviewed again or retired since).',
  })
  reviewedAnswer!: ReviewedAnswer;
}

/** The memory subgraph's message, to which the knowledge subgraph adds whether it was served from a reviewed answer. */
@ObjectType({ description: 'One message of a conversation.' })
@Directive('@key(fields: "id")')
export class Message {
  @Field(() => ID)
  id!: string;
}
