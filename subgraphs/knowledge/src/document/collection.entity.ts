import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** A knowledge collection (visa_oracle, kbli_eye ...), with the embedder its vectors were made by. */
@Entity({ tableName: 'knowledge_collection' })
export class CollectionEntity {
  [OptionalProps]?: 'createdAt';
  [PrimaryKeyProp]?: 'name';

  @PrimaryKey({ type: 'string', length: 64 })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  /** Vectors of another embedder are never mixed in; changing it means re-embedding. */
  @Property({ type: 'string', length: 100 })
  embedder!: string;

  @Property({ type: 'integer' })
  dimension!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
