import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { CitationRecord } from '@nusa/subgraph';

export enum ReviewedAnswerStatus {
  /** Served to questions close enough to its own. */
  ACTIVE = 'ACTIVE',
  /** A document it cites was re-ingested or deleted: not served until an admin reviews it again. */
  NEEDS_REVIEW = 'NEEDS_REVIEW',
  /** Taken out of service by an admin, kept for the record. */
  RETIRED = 'RETIRED',
}

/** An answer an admin reviewed for a question (the "golden answers" of the system this replaces). */
@Entity({ tableName: 'knowledge_reviewed_answer' })
@Index({
  name: 'knowledge_reviewed_answer_cited_documents_index',
  expression:
    'create index "knowledge_reviewed_answer_cited_documents_index" on "knowledge_reviewed_answer" using gin ("cited_document_ids")',
})
export class ReviewedAnswerEntity {
  [OptionalProps]?: 'status' | 'reviewNote' | 'reviewedById' | 'sourceMessageId' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  question!: string;

  @Property({ type: 'text' })
  answer!: string;

  @Property({ type: 'json' })
  citations!: CitationRecord[];

  /** The documents its citations name, for finding the answers a re-ingest or delete affects. */
  @Property({ type: 'text[]' })
  citedDocumentIds!: string[];

  /** The question's vector as the matcher computes it (the local embedder, vocabulary terms made canonical). */
  @Property({ type: 'json' })
  questionVector!: number[];

  @Enum({ items: () => ReviewedAnswerStatus, type: 'string', index: true })
  status: ReviewedAnswerStatus = ReviewedAnswerStatus.ACTIVE;

  /** Why it needs review ("Visa on arrival was re-ingested"). */
  @Property({ type: 'text', nullable: true })
  reviewNote: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  reviewedById: string | null = null;

  @Property({ type: 'string', length: 200 })
  reviewedByName!: string;

  @Property({ type: 'datetime' })
  reviewedAt!: Date;

  /** The assistant message it was saved from, if any. */
  @Property({ type: 'uuid', nullable: true })
  sourceMessageId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** An assistant message answered from a reviewed answer, with the review as it stood when it was served. */
@Entity({ tableName: 'knowledge_reviewed_answer_serving' })
export class ReviewedAnswerServingEntity {
  [OptionalProps]?: 'servedAt';

  @PrimaryKey({ type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => ReviewedAnswerEntity, { ref: true, deleteRule: 'cascade', index: true })
  reviewedAnswer!: Ref<ReviewedAnswerEntity>;

  @Property({ type: 'string', length: 200 })
  reviewedByName!: string;

  @Property({ type: 'datetime' })
  reviewedAt!: Date;

  @Property({ type: 'datetime' })
  servedAt: Date = new Date();
}

/**
 * A counter every change to the reviewed answers moves on, in the change's own transaction: each
 * service instance keeps the active answers in memory and reloads them when the counter has moved.
 */
@Entity({ tableName: 'knowledge_reviewed_answer_version' })
@Check({ name: 'knowledge_reviewed_answer_version_single', expression: '"id" = 1' })
export class ReviewedAnswerVersionEntity {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'smallint', autoincrement: false, default: 1 })
  id = 1;

  @Property({ type: 'bigint' })
  version!: string;
}
