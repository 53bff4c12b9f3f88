import type { MikroORM } from '@mikro-orm/postgresql';
import { type Logger } from '@nusa/platform';
import { openDatabase as open, type DatabaseSpec } from '@nusa/subgraph';
import { KnowledgeAuditEntryEntity } from './audit/knowledge-audit.entity.js';
import { CollectionEntity } from './collection/collection.entity.js';
import { ChunkEntity } from './document/chunk.entity.js';
import { DocumentEntity } from './document/document.entity.js';
import { migrations } from './migrations/index.js';
import {
  ReviewedAnswerEntity,
  ReviewedAnswerServingEntity,
  ReviewedAnswerVersionEntity,
} from './reviewed-answer/reviewed-answer.entity.js';
import { VectorIndexEntity } from './vector-index/vector-index.entity.js';

export const knowledgeDatabase: DatabaseSpec = {
  entities: [
    CollectionEntity,
    DocumentEntity,
    ChunkEntity,
    VectorIndexEntity,
    ReviewedAnswerEntity,
    ReviewedAnswerServingEntity,
    ReviewedAnswerVersionEntity,
    KnowledgeAuditEntryEntity,
  ],
  migrations,
  migrationsTable: 'knowledge_migrations',
  idempotentRequestsTable: 'knowledge_idempotent_request',
};

/** The knowledge database at `url`, migrated. */
export function openDatabase(url: string, logger: Logger): Promise<MikroORM> {
  return open(knowledgeDatabase, url, logger);
}
