import type { EntityRecord, RecordReference, ResultCodec } from '@nusa/subgraph';
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

/** The times of a document view, which its JSON holds as ISO strings. */
type DocumentTimes = 'lastCheckedAt' | 'createdAt' | 'updatedAt';

/**
 * A document answered to a request with an Idempotency-Key, kept as its view's JSON and given back
 * to a retry as that view: the retry answers what the first request answered, whatever changed since.
 */
export const documentResult: ResultCodec<DocumentView> = {
  store: (view) => view,
  replay: (stored) => {
    const view = stored as Omit<DocumentView, DocumentTimes> & Record<DocumentTimes, string>;
    return {
      ...view,
      lastCheckedAt: new Date(view.lastCheckedAt),
      createdAt: new Date(view.createdAt),
      updatedAt: new Date(view.updatedAt),
    };
  },
};
