import { jsonResultWithDates, type EntityRecord, type RecordReference } from '@nusa/subgraph';
import type { DocumentEntity } from './document.entity.js';

/** A document as the API answers with it, whether read (a record) or just written (an entity). */
export interface DocumentView {
  id: string;
  title: string;
  source: string | null;
  /** The collection's name. */
  collection: string;
  metadata: Record<string, string>;
  lastCheckedAt: Date;
  validUntil: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A document's record as the record reader holds it: a to-one relation is `{ id }` whatever the
 * target's key is called, so the collection's name is in `collection.id`.
 */
export type DocumentRecord = Omit<EntityRecord<DocumentEntity>, 'collection'> & { collection: RecordReference };

export function documentFromRecord(record: DocumentRecord): DocumentView {
  return {
    id: record.id,
    title: record.title,
    source: record.source,
    collection: record.collection.id,
    metadata: record.metadata,
    lastCheckedAt: record.lastCheckedAt,
    validUntil: record.validUntil,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function documentFromEntity(entity: DocumentEntity): DocumentView {
  return {
    id: entity.id,
    title: entity.title,
    source: entity.source,
    collection: entity.collection.unwrap().name,
    metadata: entity.metadata,
    lastCheckedAt: entity.lastCheckedAt,
    validUntil: entity.validUntil,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/** A document answered to a request with an Idempotency-Key, given back to a retry as it was answered. */
export const documentResult = jsonResultWithDates<DocumentView>('lastCheckedAt', 'createdAt', 'updatedAt');
