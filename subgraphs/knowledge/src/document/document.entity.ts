import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { CollectionEntity } from '../collection/collection.entity.js';

@Entity({ tableName: 'knowledge_document' })
@Unique({ properties: ['collection', 'sourceKey'] })
// Search filters match metadata with `@>`, which this index serves.
@Index({
  name: 'knowledge_document_metadata_index',
  expression: 'create index "knowledge_document_metadata_index" on "knowledge_document" using gin ("metadata" jsonb_path_ops)',
})
export class DocumentEntity {
  [OptionalProps]?: 'source' | 'metadata' | 'lastCheckedAt' | 'validUntil' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CollectionEntity, { ref: true, deleteRule: 'cascade' })
  collection!: Ref<CollectionEntity>;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 1000, nullable: true })
  source: string | null = null;

  /** What makes two ingests "the same document": its source, else its title. Re-ingesting replaces. */
  @Property({ type: 'string', length: 1000 })
  sourceKey!: string;

  @Property({ type: 'json' })
  metadata: Record<string, string> = {};

  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  /** When a person last checked it against the regulation it describes: its ingest, or what its front matter or an admin says. */
  @Property({ type: 'datetime' })
  lastCheckedAt: Date = new Date();

  /** The day until which it holds (YYYY-MM-DD), when its author knows one. */
  @Property({ type: 'date', nullable: true })
  validUntil: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
