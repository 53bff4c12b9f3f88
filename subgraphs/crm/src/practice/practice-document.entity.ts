import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { DocumentState } from './practice.enums.js';
import { PracticeEntity } from './practice.entity.js';

/** One line of a practice's document checklist, copied from the catalog service when the practice was opened. */
@Entity({ tableName: 'practice_document' })
@Unique({ properties: ['practice', 'name'] })
export class PracticeDocumentEntity {
  [OptionalProps]?: 'state' | 'updatedBy' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => PracticeEntity, { ref: true, deleteRule: 'cascade' })
  practice!: Ref<PracticeEntity>;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Where it sits on the checklist: the catalog's order. */
  @Property({ type: 'integer' })
  position!: number;

  @Enum({ items: () => DocumentState, type: 'string' })
  state: DocumentState = DocumentState.MISSING;

  @ManyToOne(() => TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  updatedBy: Ref<TeamMemberEntity> | null = null;

  /** Null until someone ticks the line. */
  @Property({ type: 'datetime', nullable: true })
  updatedAt: Date | null = null;
}
