import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** A knowledge collection (visa_oracle, kbli_eye ...); its vectors live in the one vector index. */
@Entity({ tableName: 'knowledge_collection' })
export class CollectionEntity {
  [OptionalProps]?: 'createdAt';
  [PrimaryKeyProp]?: 'name';

  @PrimaryKey({ type: 'string', length: 64 })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
