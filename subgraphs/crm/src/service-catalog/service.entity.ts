import { Entity, OptionalProps, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { PracticeType } from '../practice/practice.enums.js';

/** A priced service of the agency; rows come from a migration, the agency's published price list. */
@Entity({ tableName: 'service' })
export class ServiceEntity {
  [OptionalProps]?: 'active';

  @PrimaryKey({ type: 'string', length: 64 })
  code!: string;

  @Enum({ items: () => PracticeType, type: 'string' })
  type!: PracticeType;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'integer' })
  priceIdr!: number;

  @Property({ type: 'integer' })
  typicalDurationDays!: number;

  @Property({ type: 'text[]' })
  requiredDocuments!: string[];

  @Property({ type: 'boolean' })
  active: boolean = true;
}
