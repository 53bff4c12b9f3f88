import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { notFound, Role } from '@nusa/platform';
import { Idempotent, parseId } from '@nusa/subgraph';
import type { KnowledgeContext } from '../context.js';
import { ReviewedAnswerEntity, ReviewedAnswerStatus } from './reviewed-answer.entity.js';
import { retireReviewedAnswer } from './reviewed-answer.store.js';
import { Message, ReviewedAnswer, ReviewMark } from './reviewed-answer.type.js';
import { reviewedAnswerResult, reviewedAnswerView, type ReviewedAnswerView } from './reviewed-answer.view.js';

/** A message's review mark as the API answers with it. */
interface ReviewMarkView {
  reviewedBy: string;
  reviewedAt: Date;
  reviewedAnswerId: string;
}

/** At most this many reviewed answers in one list. */
const LIST_LIMIT = 500;

@Resolver(() => ReviewedAnswer)
export class ReviewedAnswerResolver {
  @Authorized()
  @Query(() => [ReviewedAnswer], {
    description: `Reviewed answers, most recently reviewed first (at most ${LIST_LIMIT}); default: every status.`,
  })
  async reviewedAnswers(
    @Arg('status', () => ReviewedAnswerStatus, { nullable: true }) status: ReviewedAnswerStatus | null,
    @Ctx() { em }: KnowledgeContext,
  ): Promise<ReviewedAnswerView[]> {
    const rows = await em.find(ReviewedAnswerEntity, status ? { status } : {}, { orderBy: { reviewedAt: 'desc' }, limit: LIST_LIMIT });
    return rows.map(reviewedAnswerView);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => ReviewedAnswer, { description: 'Takes a reviewed answer out of service; it stays listed as RETIRED.' })
  @UseMiddleware(Idempotent(reviewedAnswerResult))
  async retireReviewedAnswer(@Arg('id', () => ID) id: string, @Ctx() { em }: KnowledgeContext): Promise<ReviewedAnswerView> {
    return reviewedAnswerView(await retireReviewedAnswer(em, parseId(id)));
  }
}

@Resolver(() => Message)
export class MessageReviewResolver {
  @FieldResolver(() => ReviewMark, {
    nullable: true,
    description: 'Set when the answer was served from a reviewed answer: who reviewed it and when. Null for every other message.',
  })
  async reviewed(@Root() message: Message, @Ctx() { loaders }: KnowledgeContext): Promise<ReviewMarkView | null> {
    const serving = await loaders.servingByMessage.load(message.id);
    return serving
      ? { reviewedBy: serving.reviewedByName, reviewedAt: serving.reviewedAt, reviewedAnswerId: serving.reviewedAnswer.id }
      : null;
  }
}

@Resolver(() => ReviewMark)
export class ReviewMarkResolver {
  @FieldResolver(() => ReviewedAnswer)
  async reviewedAnswer(@Root() mark: ReviewMarkView, @Ctx() { loaders }: KnowledgeContext): Promise<ReviewedAnswerView> {
    const answer = await loaders.reviewedAnswerById.load(mark.reviewedAnswerId);
    if (!answer) throw notFound('ReviewedAnswer', mark.reviewedAnswerId);
    return reviewedAnswerView(answer);
  }
}
