import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { badUserInput, notFound, Role } from '@nusa/platform';
import { Idempotent, parseId } from '@nusa/subgraph';
import { afterTransaction } from '../after-commit.js';
import type { KnowledgeContext } from '../context.js';
import { MarkDocumentCheckedInput } from './document.input.js';
import { DocumentEntity } from './document.entity.js';
import { KnowledgeDocument } from './document.type.js';
import { documentFromEntity, documentResult, type DocumentView } from './document.view.js';
import { touchReviewedAnswers } from '../reviewed-answer/reviewed-answer.store.js';
import { needsReview, parseDay } from './freshness.js';

/** When documents were last checked, whether they need review, and an admin's word that one was checked. */
@Resolver(() => KnowledgeDocument)
export class FreshnessResolver {
  @FieldResolver(() => Boolean, {
    description: 'Past its validUntil day, or not checked for longer than the review period (KNOWLEDGE_REVIEW_AFTER_DAYS, default 365).',
  })
  needsReview(@Root() document: DocumentView, @Ctx() { reviewAfterDays }: KnowledgeContext): boolean {
    return needsReview(document, reviewAfterDays);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => KnowledgeDocument, { description: 'Records that an admin checked the document today, and until when it holds.' })
  @UseMiddleware(Idempotent(documentResult))
  async markDocumentChecked(
    @Arg('input', () => MarkDocumentCheckedInput) input: MarkDocumentCheckedInput,
    @Ctx() context: KnowledgeContext,
  ): Promise<DocumentView> {
    const id = parseId(input.id, 'input.id');
    const validUntil = input.validUntil ? parseDay(input.validUntil) : null;
    if (validUntil === undefined) throw badUserInput('input.validUntil', 'must be a date as YYYY-MM-DD');
    const document = await context.em.findOne(DocumentEntity, { id }, { populate: ['collection'] });
    if (!document) throw notFound('KnowledgeDocument', id);
    document.lastCheckedAt = new Date();
    document.validUntil = validUntil;
    await context.em.transactional(async (tx) => {
      await tx.flush();
      // Reviewed answers citing it are served with its freshness as it is now.
      await touchReviewedAnswers(tx);
    });
    // Cached searches carry whether each cited document was stale.
    await afterTransaction(context.em, { committed: () => context.searches.invalidate() });
    return documentFromEntity(document);
  }
}
