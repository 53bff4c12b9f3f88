import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { DocumentEntity } from './document.entity.js';

/**
 * Title (A), headings (B) and body (C), for weighted full-text ranking. A generated `search`
 * column made by the migration, outside the entity: only SQL reads it.
 */
export const SEARCH_VECTOR =
  "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', knowledge_heading_text(heading_path)), 'B') || setweight(to_tsvector('english', text), 'C')";

@Entity({ tableName: 'knowledge_chunk' })
@Unique({ properties: ['document', 'chunkIndex'] })
export class ChunkEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DocumentEntity, { ref: true, deleteRule: 'cascade' })
  document!: Ref<DocumentEntity>;

  /** Kept in the search index's own column of the chunk: the document's title, its collection. */
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 64, index: true })
  collection!: string;

  @Property({ type: 'integer' })
  chunkIndex!: number;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text[]' })
  headingPath!: string[];
}
