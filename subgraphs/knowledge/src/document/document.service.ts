import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@nusa/platform';
import type { AuditActor } from '@nusa/subgraph';
import { auditDocument } from '../audit/knowledge-audit.service.js';
import { VectorIndexEntity } from '../vector-index/vector-index.entity.js';
import type { VectorStore } from '../vector-index/vector-store.js';
import { ChunkEntity } from './chunk.entity.js';
import { DocumentEntity } from './document.entity.js';

/**
 * Deletes a document: its rows (chunks by cascade), then its vectors. Search only serves chunks whose
 * rows exist, so a vector left behind by a failed Chroma call is never seen.
 */
export async function deleteDocument(em: EntityManager, vectors: VectorStore, id: string, actor: AuditActor): Promise<void> {
  const document = await em.findOne(DocumentEntity, { id });
  if (!document) throw notFound('KnowledgeDocument', id);
  const ids = (await em.find(ChunkEntity, { document: id }, { fields: ['id'] })).map((chunk) => chunk.id);
  await em.transactional(async (tx) => {
    if ((await tx.nativeDelete(DocumentEntity, { id })) === 0) throw notFound('KnowledgeDocument', id);
    auditDocument(tx, actor, document, null);
  });
  const index = await em.findOne(VectorIndexEntity, { id: 1 });
  if (index) await vectors.delete(index.chromaCollection, ids);
}
