import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { MessageEntity } from '../message/message.entity.js';
import { FactKind, FactSource } from './fact.enums.js';

@Entity({ tableName: 'memory_fact' })
@Index({ properties: ['clientId', 'validTo'] })
// No fact without its source: a message, or a team member's own word.
@Check({ name: 'memory_fact_has_source', expression: `source = 'MANUAL' or source_message_id is not null` })
export class MemoryFactEntity {
  [OptionalProps]?: 'slot' | 'sourceMessage' | 'createdById' | 'validTo' | 'supersededById' | 'validFrom' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  clientId!: string;

  @Enum({ items: () => FactKind, type: 'string' })
  kind!: FactKind;

  /** What the fact says something about (`visa.type`, `nationality` ...): one current fact per slot. */
  @Property({ type: 'string', length: 100, nullable: true })
  slot: string | null = null;

  @Property({ type: 'text' })
  content!: string;

  @Enum({ items: () => FactSource, type: 'string' })
  source!: FactSource;

  @ManyToOne(() => MessageEntity, { ref: true, nullable: true, deleteRule: 'cascade' })
  sourceMessage: Ref<MessageEntity> | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Property({ type: 'datetime' })
  validFrom: Date = new Date();

  /** Null while the fact holds; set when it is superseded or forgotten. */
  @Property({ type: 'datetime', nullable: true })
  validTo: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  supersededById: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
