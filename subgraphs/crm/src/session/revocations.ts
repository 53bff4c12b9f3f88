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

  /**
   * Whether a session token is refused: signed out, or held by a member who has been deactivated
   * (the second covers a sign-in that raced the deactivation).
   */
  async isSessionRevoked(em: EntityManager, jti: string): Promise<boolean> {
    const [row] = await em.getConnection().execute<{ revoked: boolean }[]>(
      `select exists (select 1 from revoked_session where jti = ?)
           or exists (select 1 from member_session s join team_member m on m.id = s.member_id where s.jti = ? and not m.active) as revoked`,
      [jti, jti],
    );
    return row?.revoked === true;
  }

  /**
   * Revokes, inside `em`'s transaction, every unexpired session `memberId` was issued, and returns
   * them so {@link markSessionsRevoked} can tell the gateways once the transaction has committed.
   */
  async revokeMemberSessions(em: EntityManager, memberId: string): Promise<{ jti: string; exp: number }[]> {
    const rows = await em.execute<{ jti: string; expires_at: Date | string }[]>(
      `insert into revoked_session (jti, member_id, expires_at, revoked_at)
         select jti, member_id, expires_at, now() from member_session where member_id = ? and expires_at > now()
       on conflict (jti) do nothing
       returning jti, expires_at`,
      [memberId],
    );
    return rows.map((row) => ({ jti: row.jti, exp: Math.floor(new Date(row.expires_at).getTime() / 1000) }));
  }

  /**
   * Writes the Redis markers of revoked sessions. A failure is logged, not raised: the revocation is
   * in PostgreSQL and the CRM refuses the member itself; gateways with Redis accept the sessions
   * elsewhere until the markers are written or the tokens expire.
   */
  async markSessionsRevoked(sessions: { jti: string; exp: number }[]): Promise<void> {
    if (!this.redis) return;
    for (const session of sessions) {
      const remainingSeconds = session.exp - Date.now() / 1000;
      if (remainingSeconds <= 0) continue;
      try {
        await this.redis.revokeSession(session.jti, remainingSeconds);
      } catch (error) {
        this.logger.error({ err: error, jti: session.jti }, 'could not mark a revoked session in Redis');
      }
    }
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
