import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { DocumentEntity } from './document.entity.js';

/** Title (A), headings (B) and body (C), for weighted full-text ranking: the generated `search` column (see the migration). */
export const SEARCH_VECTOR =
  "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', knowledge_heading_text(heading_path)), 'B') || setweight(to_tsvector('english', text), 'C')";

/** {@link SEARCH_VECTOR} as PostgreSQL stores it. */
const STORED_SEARCH_VECTOR = `((setweight(to_tsvector('english'::regconfig, (COALESCE(title, ''::character varying))::text), 'A'::"char") || setweight(to_tsvector('english'::regconfig, knowledge_heading_text(heading_path)), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, text), 'C'::"char"))`;

@Entity({ tableName: 'knowledge_chunk' })
@Unique({ properties: ['document', 'chunkIndex'] })
@Index({
  name: 'knowledge_chunk_search_index',
  expression: 'create index "knowledge_chunk_search_index" on "knowledge_chunk" using gin ("search")',
})
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

  /**
   * The full-text vector PostgreSQL computes from the fields above ({@link SEARCH_VECTOR}); only SQL
   * reads it, so it is never loaded. Written here as PostgreSQL prints it back (casts made explicit),
   * so that the schema check compares like with like.
   */
  @Property({ columnType: 'tsvector', generated: `(${STORED_SEARCH_VECTOR}) stored`, lazy: true, hidden: true, nullable: true })
  search?: unknown;
}
