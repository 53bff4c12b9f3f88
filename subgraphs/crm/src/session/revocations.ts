import type { EntityManager } from '@mikro-orm/postgresql';
import { API_KEY_REVOCATION_MARKER_SECONDS, RedisRevocations, type Logger } from '@nusa/platform';
import { RevokedSessionEntity } from './revoked-session.entity.js';

/**
 * Where the CRM records revocations: always in PostgreSQL (the record of truth, which the gateway
 * reads through the CRM when it has no Redis) and, with `REDIS_URL`, also as the Redis markers the
 * gateway checks on every request, so a revocation takes effect at once.
 */
export class Revocations {
  private readonly redis: RedisRevocations | null;

  constructor(
    redisUrl: string | undefined,
    private readonly logger: Logger,
  ) {
    this.redis = redisUrl ? new RedisRevocations(redisUrl, 'crm-revocations', logger) : null;
  }

  /**
   * Revokes one session token until it would have expired. Throws when the Redis marker cannot be
   * written: the gateways check Redis, so a logout recorded only in PostgreSQL would not hold, and
   * the caller should try again.
   */
  async revokeSession(em: EntityManager, session: { jti: string; exp: number }, memberId: string): Promise<void> {
    const expiresAt = new Date(session.exp * 1000);
    await em
      .getConnection()
      .execute(
        'insert into revoked_session (jti, member_id, expires_at, revoked_at) values (?, ?, ?, now()) on conflict (jti) do nothing',
        [session.jti, memberId, expiresAt],
      );
    // Tokens past their expiry are refused anyway; their rows only cost space.
    await em.nativeDelete(RevokedSessionEntity, { expiresAt: { $lt: new Date() } });
    const remainingSeconds = session.exp - Date.now() / 1000;
    if (this.redis && remainingSeconds > 0) await this.redis.revokeSession(session.jti, remainingSeconds);
  }

  async isSessionRevoked(em: EntityManager, jti: string): Promise<boolean> {
    return (await em.count(RevokedSessionEntity, { jti })) > 0;
  }

  /**
   * Marks a revoked API key in Redis. A failure is logged, not raised: the key is revoked in
   * PostgreSQL, and gateways ask again within their short cache time.
   */
  async apiKeyRevoked(id: string): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.revokeApiKey(id, API_KEY_REVOCATION_MARKER_SECONDS);
    } catch (error) {
      this.logger.warn(
        { err: error, apiKeyId: id },
        'could not mark the revoked API key in Redis; gateways notice within their cache time',
      );
    }
  }

  /** Whether the Redis the markers go to answers; null without one. */
  ping(): Promise<void> | null {
    return this.redis?.ping() ?? null;
  }

  close(): Promise<void> {
    return this.redis?.close() ?? Promise.resolve();
  }
}
