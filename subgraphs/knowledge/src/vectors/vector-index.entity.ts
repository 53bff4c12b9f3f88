import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The one vector index in use: the Chroma collection holding every chunk's vector, and the embedder
 * that made them. Vectors of another embedder are never mixed in; changing it means `kb:reembed`.
 */
@Entity({ tableName: 'knowledge_vector_index' })
export class VectorIndexEntity {
  [OptionalProps]?: 'id' | 'createdAt';

  /** Always 1: there is one index at a time. */
  @PrimaryKey({ type: 'smallint' })
  id = 1;

  @Property({ type: 'string', length: 200 })
  chromaCollection!: string;

  @Property({ type: 'string', length: 100 })
  embedder!: string;

  @Property({ type: 'integer' })
  dimension!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
