import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ChatContext } from '../context.js';
import { saveReviewedAnswer } from './reviewed-answer.service.js';
import { ReviewedAnswer, SaveReviewedAnswerInput } from './reviewed-answer.type.js';

@Resolver()
export class ReviewedAnswerResolver {
  @Mutation(() => ReviewedAnswer, {
    description:
      'Saves an answer as reviewed (administrators): from an assistant message, edited as needed, or from a question and answer; questions close enough to it are answered from it at once.',
  })
  saveReviewedAnswer(
    @Arg('input', () => SaveReviewedAnswerInput) input: SaveReviewedAnswerInput,
    @Ctx() context: ChatContext,
  ): Promise<ReviewedAnswer> {
    return saveReviewedAnswer(context, input);
  }
}
