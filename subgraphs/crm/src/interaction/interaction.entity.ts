import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ClientEntity } from '../client/client.entity.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { InteractionChannel } from './interaction-channel.js';

@Entity({ tableName: 'interaction' })
@Index({ properties: ['client', 'occurredAt'] })
export class InteractionEntity {
  [OptionalProps]?: 'practice' | 'author' | 'occurredAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ClientEntity, { ref: true, deleteRule: 'cascade' })
  client!: Ref<ClientEntity>;

  @ManyToOne(() => PracticeEntity, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  practice: Ref<PracticeEntity> | null = null;

  @ManyToOne(() => TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  author: Ref<TeamMemberEntity> | null = null;

  @Enum({ items: () => InteractionChannel, type: 'string' })
  channel!: InteractionChannel;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'datetime' })
  occurredAt: Date = new Date();

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
