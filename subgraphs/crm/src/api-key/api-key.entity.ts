import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Role, type Scope } from '@nusa/platform';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';

/** A partner's API key. Only a hash of its secret is kept; the key itself is shown once, when created. */
@Entity({ tableName: 'api_key' })
export class ApiKeyEntity {
  [OptionalProps]?: 'role' | 'expiresAt' | 'lastUsedAt' | 'createdBy' | 'createdAt' | 'revokedAt' | 'maxSubscriptions';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** The key's first characters (`nk_1a2b3c4d`), not secret, so a person can tell keys apart. */
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  /** SHA-256 of the secret, hex (see `hashApiKeySecret` for why a fast hash is right). */
  @Property({ type: 'string', length: 64, hidden: true })
  secretHash!: string;

  /** Scope values as the identity carries them (`crm:read`, `chat` ...). */
  @Property({ type: 'text[]' })
  scopes!: Scope[];

  @Enum({ items: () => Object.values(Role), type: 'string' })
  role: Role = Role.PARTNER;

  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  /** Subscriptions the key may hold open at once across the gateways; null: the gateway's default. */
  @Property({ type: 'integer', nullable: true })
  maxSubscriptions: number | null = null;

  /** Written at most once a minute per key, so a busy key does not turn every request into a write. */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @ManyToOne(() => TeamMemberEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy: Ref<TeamMemberEntity> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
