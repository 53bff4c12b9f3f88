import type { MikroORM } from '@mikro-orm/postgresql';
import { type Logger } from '@nusa/platform';
import { openDatabase as open, type DatabaseSpec } from '@nusa/subgraph';
import { ChunkEntity } from './document/chunk.entity.js';
import { CollectionEntity } from './document/collection.entity.js';
import { DocumentEntity } from './document/document.entity.js';
import { migrations } from './migrations/index.js';
import { VectorIndexEntity } from './vectors/vector-index.entity.js';

export const knowledgeDatabase: DatabaseSpec = {
  entities: [CollectionEntity, DocumentEntity, ChunkEntity, VectorIndexEntity],
  migrations,
  migrationsTable: 'knowledge_migrations',
};

/** The knowledge database at `url`, migrated. */
export function openDatabase(url: string, logger: Logger): Promise<MikroORM> {
  return open(knowledgeDatabase, url, logger);
}
