import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@nusa/platform';
import type { AuditActor } from '@nusa/subgraph';
import { afterTransaction } from '../after-commit.js';
import { auditDocument } from '../audit/knowledge-audit.service.js';
import { markAnswersCitingForReview } from '../reviewed-answer/reviewed-answer.store.js';
import { dayOf } from './freshness.js';
import { VectorIndexEntity } from '../vector-index/vector-index.entity.js';
import type { VectorStore } from '../vector-index/vector-store.js';
import { ChunkEntity } from './chunk.entity.js';
import { DocumentEntity } from './document.entity.js';

/**
 * Deletes a document: its rows (chunks by cascade) and, in the same transaction, the review of the
 * reviewed answers citing it; then, once that transaction has committed (the caller's, when `em`
 * is in one), its vectors. Search only serves chunks whose rows exist, so a vector left behind by
 * a failed Chroma call is never seen.
 */
export async function deleteDocument(em: EntityManager, vectors: VectorStore, id: string, actor: AuditActor): Promise<void> {
  await em.transactional(async (tx) => {
    const document = await tx.findOne(DocumentEntity, { id });
    if (!document) throw notFound('KnowledgeDocument', id);
    const chunks = (await tx.find(ChunkEntity, { document: id }, { fields: ['id'] })).map((chunk) => chunk.id);
    await tx.nativeDelete(DocumentEntity, { id });
    auditDocument(tx, actor, document, null);
    await markAnswersCitingForReview(tx, [id], `${document.title} was deleted on ${dayOf(new Date())}`);
    const index = await tx.findOne(VectorIndexEntity, { id: 1 });
    if (index) await afterTransaction(tx, { committed: () => vectors.delete(index.chromaCollection, chunks).catch(() => undefined) });
  });
}
