import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, clientError, ErrorCode } from '@nusa/platform';
import { LockMode } from '@mikro-orm/core';
import type { AuditActor } from '@nusa/subgraph';
import { afterTransaction } from '../after-commit.js';
import { auditDocument, KNOWLEDGE_IMPORT } from '../audit/knowledge-audit.service.js';
import { CollectionEntity } from '../collection/collection.entity.js';
import { ChunkEntity } from '../document/chunk.entity.js';
import { DocumentEntity } from '../document/document.entity.js';
import { dayOf, parseDay } from '../document/freshness.js';
import { markAnswersCitingForReview } from '../reviewed-answer/reviewed-answer.store.js';
import { passageForEmbedding, type Embedder } from '../embedding/embedder.js';
import { VectorIndexEntity } from '../vector-index/vector-index.entity.js';
import type { VectorStore } from '../vector-index/vector-store.js';
import { chunkMarkdown } from './chunker.js';

/** A document to ingest. */
export interface NewDocument {
  collection: string;
  title: string;
  text: string;
  source?: string | null;
  metadata?: Record<string, string>;
  /** What identifies the document for replacement. Default: its source, else its title. */
  key?: string;
  /** What changes when the document changes (a whole file, front matter included). Default: the text. */
  fingerprint?: string;
  /** Who ingests it, for the audit trail. Default: the knowledge import (CLI, seed). */
  actor?: AuditActor;
  /** When it was last checked. Default: now. */
  lastCheckedAt?: Date;
  /** The last day it holds, YYYY-MM-DD. Default: none. */
  validUntil?: string | null;
}

const MAX_TEXT_BYTES = 2 * 1024 * 1024;

function checkText(text: string): void {
  if (text.trim().length === 0) throw badUserInput('input.text', 'is empty');
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) throw badUserInput('input.text', `is larger than ${MAX_TEXT_BYTES} bytes`);
  // NUL and other C0 controls (besides tab and line breaks) mean a binary file, not a document.
  const binary = [...text.slice(0, 65_536)].some((char) => {
    const code = char.charCodeAt(0);
    return code < 32 && code !== 9 && code !== 10 && code !== 13;
  });
  if (binary) throw badUserInput('input.text', 'looks like binary data, not text');
}

function checkFreshness(input: NewDocument): string | null {
  if (input.lastCheckedAt && (Number.isNaN(input.lastCheckedAt.getTime()) || input.lastCheckedAt.getTime() > Date.now() + 86_400_000)) {
    throw badUserInput('input.checkedAt', 'must be a date-time no later than today');
  }
  if (input.validUntil === undefined || input.validUntil === null) return null;
  const day = parseDay(input.validUntil);
  if (!day) throw badUserInput('input.validUntil', 'must be a date as YYYY-MM-DD');
  return day;
}

/**
 * Documents are rows in PostgreSQL and vectors in Chroma, written so that a failure on either side
 * leaves nothing of the new version searchable: the vectors are written inside the database
 * transaction (a Chroma failure rolls the rows back) and removed again if it rolls back; the
 * replaced version's vectors are removed only once it has committed. The transaction is the
 * caller's when `em` is in one (an Idempotency-Key's), else its own. Search only returns chunks
 * whose rows exist, so a vector left behind by a failed clean-up is never seen. The ingest
 * mutation, the import CLI and the seed all ingest through this.
 */
export class IngestService {
  constructor(
    private readonly vectors: VectorStore,
    private readonly embedder: Embedder,
  ) {}

  async ingest(em: EntityManager, input: NewDocument): Promise<DocumentEntity> {
    checkText(input.text);
    const validUntil = checkFreshness(input);
    const collection = await em.findOne(CollectionEntity, { name: input.collection });
    if (!collection) throw badUserInput('input.collection', `no collection is named ${input.collection}`);
    const chunks = chunkMarkdown(input.text);
    const title = input.title.trim();
    const embeddings = await this.embedder.embed(
      chunks.map((chunk) => passageForEmbedding({ title, ...chunk })),
      'document',
    );
    const metadata = input.metadata ?? {};
    const sourceKey = (input.key ?? input.source ?? input.title).trim();
    try {
      return await em.transactional(async (tx) => {
        // Shared until commit: a re-embed switches the index only between ingests, never during one.
        const { chromaCollection } = await this.indexFor(tx);
        // Vectors written under the transaction, to remove if it rolls back; those of the replaced version, to remove once it commits.
        let written: string[] = [];
        let replaced: string[] = [];
        // Search serves only chunks whose rows exist, so vectors a failed clean-up leaves behind are never seen.
        await afterTransaction(tx, {
          committed: () => this.vectors.delete(chromaCollection, replaced).catch(() => undefined),
          rolledBack: () => this.vectors.delete(chromaCollection, written).catch(() => undefined),
        });
        const previous = await tx.findOne(DocumentEntity, { collection: collection.name, sourceKey });
        if (previous) {
          replaced = (await tx.find(ChunkEntity, { document: previous.id }, { fields: ['id'] })).map((chunk) => chunk.id);
          tx.remove(previous);
          await tx.flush();
          await markAnswersCitingForReview(tx, [previous.id], `${previous.title} was re-ingested on ${dayOf(new Date())}`);
        }
        const created = tx.create(DocumentEntity, {
          collection: collection.name,
          title,
          source: input.source ?? null,
          sourceKey,
          metadata,
          lastCheckedAt: input.lastCheckedAt ?? new Date(),
          validUntil,
          contentHash: createHash('sha256')
            .update(input.fingerprint ?? input.text)
            .digest('hex'),
        });
        const rows = chunks.map((chunk) =>
          tx.create(ChunkEntity, {
            document: created,
            title: created.title,
            collection: collection.name,
            chunkIndex: chunk.index,
            text: chunk.text,
            headingPath: chunk.headingPath,
          }),
        );
        auditDocument(tx, input.actor ?? KNOWLEDGE_IMPORT, previous, created);
        await tx.flush();
        written = rows.map((row) => row.id);
        await this.vectors.upsert(
          chromaCollection,
          rows.map((row, i) => ({
            id: row.id,
            embedding: embeddings[i] ?? [],
            documentId: created.id,
            collection: collection.name,
            metadata,
          })),
        );
        return created;
      });
    } catch (error) {
      if (error instanceof Error && !('extensions' in error)) {
        throw clientError(
          ErrorCode.InternalServerError,
          `Ingest failed and was rolled back; nothing of "${input.title}" was stored: ${error.message.slice(0, 200)}`,
          {
            reason: 'INGEST_ROLLED_BACK',
          },
        );
      }
      throw error;
    }
  }

  /** The vector index, locked against a re-embed's switch; refused when its vectors are another embedder's. */
  private async indexFor(tx: EntityManager): Promise<VectorIndexEntity> {
    const index = await tx.findOne(VectorIndexEntity, { id: 1 }, { lockMode: LockMode.PESSIMISTIC_READ });
    if (index?.embedder === this.embedder.name && index.dimension === this.embedder.dimension) return index;
    throw clientError(
      ErrorCode.InternalServerError,
      `The vector index holds ${index ? `${index.embedder} vectors` : 'no vectors yet'}, but this service embeds with ${this.embedder.name}: ` +
        'restart it with the EMBEDDING_PROVIDER the index was built with, or run npm run kb:reembed -w @nusa/knowledge.',
      { reason: 'EMBEDDER_MISMATCH' },
    );
  }
}
