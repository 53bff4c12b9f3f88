import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A signed-out session token, kept until it would have expired anyway. The gateway reads these
 * through the CRM when there is no Redis deny-list, and they outlive a Redis that loses its data.
 */
@Entity({ tableName: 'revoked_session' })
export class RevokedSessionEntity {
  [OptionalProps]?: 'revokedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  jti!: string;

  @Property({ type: 'uuid' })
  memberId!: string;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  revokedAt: Date = new Date();
}
