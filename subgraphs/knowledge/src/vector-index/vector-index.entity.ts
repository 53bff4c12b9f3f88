import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The one vector index in use: the Chroma collection holding every chunk's vector, and the embedder
 * that made them. Vectors of another embedder are never mixed in; changing it means `kb:reembed`.
 */
@Entity({ tableName: 'knowledge_vector_index' })
@Check({ name: 'knowledge_vector_index_single', expression: '"id" = 1' })
export class VectorIndexEntity {
  [OptionalProps]?: 'id' | 'createdAt';

  /** Always 1: there is one index at a time. */
  @PrimaryKey({ type: 'smallint', autoincrement: false, default: 1 })
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
