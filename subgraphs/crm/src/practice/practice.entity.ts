import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ClientEntity } from '../client/client.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { PracticeStatus, PracticeType } from './practice.enums.js';

@Entity({ tableName: 'practice' })
export class PracticeEntity {
  [OptionalProps]?:
    'status' | 'assignee' | 'serviceCode' | 'dueDate' | 'expiryDate' | 'notes' | 'statusChangedAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ClientEntity, { ref: true, deleteRule: 'cascade', index: true })
  client!: Ref<ClientEntity>;

  @Enum({ items: () => PracticeType, type: 'string' })
  type!: PracticeType;

  @Enum({ items: () => PracticeStatus, type: 'string' })
  status: PracticeStatus = PracticeStatus.INQUIRY;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** The catalog service the practice was opened from; its documents became the practice's checklist. */
  @Property({ type: 'string', length: 64, nullable: true })
  serviceCode: string | null = null;

  @ManyToOne(() => TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  assignee: Ref<TeamMemberEntity> | null = null;

  @Index()
  @Property({ type: 'date', nullable: true })
  dueDate: string | null = null;

  @Index()
  @Property({ type: 'date', nullable: true })
  expiryDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'datetime' })
  statusChangedAt: Date = new Date();

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
