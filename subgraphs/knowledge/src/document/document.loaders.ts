import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { groupedRecordLoader, RecordReader, rowsOf, type EntityRecord } from '@nusa/subgraph';
import { ChunkEntity } from './chunk.entity.js';
import { DocumentEntity } from './document.entity.js';
import { documentFromRecord, type DocumentRecord, type DocumentView } from './document.view.js';

/** What a chunk read answers with: its row as a record, never a managed entity. */
export type ChunkRecord = EntityRecord<ChunkEntity>;

/** Documents by id, as the API answers with them: N ids cost one statement. */
function documentById(em: EntityManager): DataLoader<string, DocumentView | undefined> {
  const reader = RecordReader.of(em, DocumentEntity);
  const sql = `select ${reader.select} from "${reader.table}" where "id" = any(?)`;
  return new DataLoader(async (ids) => {
    const rows = await rowsOf(em, sql, [[...ids]]);
    const byId = new Map(rows.map((row) => [row.id as string, documentFromRecord(reader.record(row) as unknown as DocumentRecord)]));
    return ids.map((id) => byId.get(id));
  });
}

/** The document loaders of one request: N documents and their chunks cost one statement each. */
export function documentLoaders(em: EntityManager) {
  return {
    documentById: documentById(em),
    /** A document's chunks in order. */
    chunksByDocument: groupedRecordLoader(em, ChunkEntity, 'document_id', '"chunk_index" asc'),
  };
}
