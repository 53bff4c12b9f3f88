import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { ClientStatus } from './client-status.js';

@Entity({ tableName: 'client' })
@Index({ properties: ['createdAt', 'id'] })
export class ClientEntity {
  [OptionalProps]?: 'status' | 'email' | 'phone' | 'nationality' | 'notes' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  fullName!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 2, nullable: true })
  nationality: string | null = null;

  @Enum({ items: () => ClientStatus, type: 'string' })
  status: ClientStatus = ClientStatus.LEAD;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
