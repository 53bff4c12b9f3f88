import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Role } from './identity.js';
import type { Logger } from './logger.js';
import { createRedis } from './redis.js';

/** What every API key starts with, so a bearer credential is told from a JWT without parsing it. */
export const API_KEY_PREFIX = 'nk_';

const API_KEY = /^nk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** An API key's parts: the key's id (a UUID, so it is found without scanning) and its secret. */
export interface ApiKeyParts {
  id: string;
  secret: string;
}

/** A new 32-byte random secret, base64url (43 characters). */
export function newApiKeySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The key a partner is given once: `nk_<id without dashes>_<secret>`. */
export function formatApiKey(id: string, secret: string): string {
  return `${API_KEY_PREFIX}${id.replaceAll('-', '').toLowerCase()}_${secret}`;
}

/** The parts of a well-formed API key, or `undefined`. */
export function parseApiKey(key: string): ApiKeyParts | undefined {
  const match = API_KEY.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  const hex = match[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2] };
}

/**
 * SHA-256 of a key's secret, hex. A fast hash is right here, unlike for passwords: the secret is 32
 * random bytes, so there is nothing to guess from a stolen hash, and a fast hash keeps verification cheap.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The CRM's internal routes the gateway verifies credentials through (POST, service identity only). */
export const credentialRoutes = {
  /** `{ id }` → `{ apiKey: StoredApiKey | null }` */
  resolveApiKey: '/internal/api-keys/resolve',
  /** `{ id }` → `{ touched: boolean }`: sets the key's last-used time unless it was set in the last minute. */
  touchApiKey: '/internal/api-keys/touch',
  /** `{ jti }` → `{ revoked: boolean }` */
  sessionRevoked: '/internal/sessions/revoked',
} as const;

/** What the CRM tells the gateway about an API key; the gateway compares the hash itself. */
export interface StoredApiKey {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  secretHash: string;
  /** ISO time, or null for a key that does not expire. */
  expiresAt: string | null;
  revokedAt: string | null;
  /** Subscriptions the key may hold open at once; null or absent: the gateway's default. */
  maxSubscriptions?: number | null;
}

/** How long a key's revocation marker stays in Redis: far longer than any gateway caches what it knows about a key. */
export const API_KEY_REVOCATION_MARKER_SECONDS = 3600;

/** The Redis keys revocations are written under (by the CRM) and checked at (by the gateway). */
export const revocationKeys = {
  /** A revoked session token, until the token would have expired. */
  session: (jti: string) => `auth:deny:jti:${jti}`,
  /** A revoked API key, long enough for every gateway's cached answer about the key to expire. */
  apiKey: (id: string) => `auth:revoked:key:${id}`,
};

/** Where the CRM announces each revocation, for gateways that trust "not revoked" answers until told otherwise. */
export const REVOCATION_CHANNEL = 'auth:revocations';

/** What a notice on {@link REVOCATION_CHANNEL} says. */
export const revocationNotice = {
  session: (jti: string) => `session:${jti}`,
  apiKey: (id: string) => `apiKey:${id}`,
};

/**
 * Revocation markers in Redis. Every method throws when Redis cannot answer (commands time out
 * after `commandTimeoutMs`, nothing queues while disconnected), so the caller decides what an
 * outage means: the CRM refuses a logout it cannot record, the gateway falls back to the CRM.
 */
export class RedisRevocations {
  private readonly redis: Redis;

  /**
   * @param client - what the connection is for, in logs and metrics (`crm-revocations`, say).
   * @param commandTimeoutMs - how long one command may take. Default: 300.
   */
  constructor(url: string, client: string, logger: Logger | undefined, commandTimeoutMs = 300) {
    this.redis = createRedis(url, client, logger, {
      commandTimeout: commandTimeoutMs,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      // The checks of concurrent requests go out in one write.
      enableAutoPipelining: true,
    });
  }

  /** Writes the marker and announces it, in one transaction: whoever hears the notice finds the marker. */
  async revokeSession(jti: string, ttlSeconds: number): Promise<void> {
    await this.mark(revocationKeys.session(jti), revocationNotice.session(jti), ttlSeconds);
  }

  async revokeApiKey(id: string, ttlSeconds: number): Promise<void> {
    await this.mark(revocationKeys.apiKey(id), revocationNotice.apiKey(id), ttlSeconds);
  }

  async isSessionRevoked(jti: string): Promise<boolean> {
    return (await this.redis.exists(revocationKeys.session(jti))) === 1;
  }

  async isApiKeyRevoked(id: string): Promise<boolean> {
    return (await this.redis.exists(revocationKeys.apiKey(id))) === 1;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  private async mark(key: string, notice: string, ttlSeconds: number): Promise<void> {
    const results = await this.redis
      .multi()
      .set(key, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)))
      .publish(REVOCATION_CHANNEL, notice)
      .exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw (failed?.[0] as Error | undefined) ?? new Error('the revocation transaction was discarded');
  }

  close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
