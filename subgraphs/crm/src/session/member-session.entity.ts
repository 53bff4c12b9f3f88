import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A session token issued at sign-in, kept until it expires, so deactivating a member can revoke
 * every session they hold (the gateway checks revocations by token id, not by member).
 */
@Entity({ tableName: 'member_session' })
export class MemberSessionEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  jti!: string;

  @Index()
  @Property({ type: 'uuid' })
  memberId!: string;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  issuedAt!: Date;
}
