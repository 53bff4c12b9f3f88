import type { MikroORM } from '@mikro-orm/postgresql';
import { type Logger } from '@nusa/platform';
import { openDatabase as open, type DatabaseSpec } from '@nusa/subgraph';
import { MemoryAuditEntryEntity } from './audit/memory-audit.entity.js';
import { ConversationEntity } from './conversation/conversation.entity.js';
import { MemoryFactEntity } from './fact/fact.entity.js';
import { MessageEntity } from './message/message.entity.js';
import { migrations } from './migrations/index.js';
import { OutboxEventEntity } from './outbox/outbox-event.entity.js';

export const memoryDatabase: DatabaseSpec = {
  entities: [ConversationEntity, MessageEntity, MemoryFactEntity, MemoryAuditEntryEntity, OutboxEventEntity],
  migrations,
  migrationsTable: 'memory_migrations',
  idempotentRequestsTable: 'memory_idempotent_request',
};

/** The memory database at `url`, migrated. */
export function openDatabase(url: string, logger: Logger): Promise<MikroORM> {
  return open(memoryDatabase, url, logger);
}
