import {
  apiKeySecretMatches,
  clientError,
  ErrorCode,
  parseApiKey,
  type Caller,
  type Logger,
  type SessionClaims,
  type StoredApiKey,
} from '@nusa/platform';
import { DEFAULT_CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { CrmCredentials } from './crm-credentials.js';
import { ExpiringMap } from './expiring-map.js';
import { WatchedRevocations } from './watched-revocations.js';

/** A key's last-used time is reported at most this often per key and gateway (the CRM also writes it at most once a minute). */
const TOUCH_INTERVAL_MS = 60_000;
/** An outage is logged at most this often, not once per request. */
const WARN_INTERVAL_MS = 10_000;

/** Options of {@link CredentialVerifier}. */
export interface CredentialVerifierOptions extends Partial<CredentialSettings> {
  internalSecret: string;
  /** The CRM's GraphQL URL, looked up per call (the supergraph can change). */
  crmUrl: () => string | undefined;
  /** Redis with the revocation markers the CRM writes; unset: every check goes to the CRM, cached briefly. */
  redisUrl?: string | undefined;
  logger: Logger;
}

/** `UNAUTHENTICATED` with HTTP 401 (close code 4403 over graphql-ws), `reason` telling tests and logs why. */
export function refused(message: string, reason: string) {
  return clientError(ErrorCode.Unauthenticated, message, { http: { status: 401 }, reason });
}

function unavailable(message: string) {
  return clientError(ErrorCode.InternalServerError, message, { http: { status: 503 } });
}

/**
 * What the gateway checks beyond a token's signature: that a session token has not been revoked
 * (the Redis deny-list with `REDIS_URL`, else the CRM's list, cached briefly) and that an API key
 * exists, matches, is neither revoked nor expired (the CRM's answer cached briefly per key id, plus
 * the Redis revocation marker per request with `REDIS_URL`).
 */
export class CredentialVerifier {
  private readonly settings: CredentialSettings;
  private readonly crm: CrmCredentials;
  private readonly redis: WatchedRevocations | null;
  private readonly keys = new ExpiringMap<string, Promise<StoredApiKey | null>>();
  private readonly sessions = new ExpiringMap<string, Promise<boolean>>();
  private readonly touched = new ExpiringMap<string, true>();
  private warnedAt = 0;

  constructor(private readonly options: CredentialVerifierOptions) {
    this.settings = {
      cacheSeconds: options.cacheSeconds ?? DEFAULT_CREDENTIAL_SETTINGS.cacheSeconds,
      revocationFailMode: options.revocationFailMode ?? DEFAULT_CREDENTIAL_SETTINGS.revocationFailMode,
    };
    this.crm = new CrmCredentials(options.crmUrl, options.internalSecret);
    this.redis = options.redisUrl ? new WatchedRevocations(options.redisUrl, options.logger) : null;
  }

  /** The caller behind an API key (`nk_…`), or an `UNAUTHENTICATED` error saying what is wrong with it. */
  async apiKeyCaller(key: string): Promise<Caller> {
    const parts = parseApiKey(key);
    if (!parts) throw refused('The API key is not valid', 'malformed');
    let stored: StoredApiKey | null;
    try {
      stored = await this.storedKey(parts.id);
    } catch (error) {
      this.warn(error, 'could not look the API key up in the CRM');
      throw unavailable('The API key could not be checked just now; try again shortly');
    }
    // Only a caller who holds the secret learns more than "not valid".
    if (!stored || !apiKeySecretMatches(parts.secret, stored.secretHash)) throw refused('The API key is not valid', 'unknown');
    if (stored.revokedAt !== null || (await this.markedRevoked(stored.id))) throw refused('The API key has been revoked', 'revoked');
    if (stored.expiresAt !== null && Date.parse(stored.expiresAt) <= Date.now()) throw refused('The API key has expired', 'expired');
    this.touch(stored.id);
    const caller: Caller = { kind: 'apiKey', id: stored.id, role: stored.role, name: stored.name, scopes: stored.scopes };
    return typeof stored.maxSubscriptions === 'number' ? { ...caller, maxSubscriptions: stored.maxSubscriptions } : caller;
  }

  /** Refuses a signed, unexpired session token that was revoked by `logout`. */
  async assertSessionLive(claims: SessionClaims): Promise<void> {
    if (await this.sessionRevoked(claims)) throw refused('This session has been signed out; sign in again', 'revoked');
  }

  async close(): Promise<void> {
    this.keys.clear();
    this.sessions.clear();
    await this.redis?.close();
  }

  private storedKey(id: string): Promise<StoredApiKey | null> {
    const cached = this.keys.get(id);
    if (cached) return cached;
    // Concurrent requests with one key share one lookup; a failed lookup is not remembered.
    const lookup = this.crm.apiKey(id);
    this.keys.set(id, lookup, this.settings.cacheSeconds * 1000);
    lookup.catch(() => this.keys.delete(id));
    return lookup;
  }

  /** The Redis marker makes a revocation immediate; without it (or Redis) the cache time bounds the delay. */
  private async markedRevoked(id: string): Promise<boolean> {
    if (!this.redis) return false;
    try {
      return await this.redis.isApiKeyRevoked(id);
    } catch (error) {
      this.warn(error, 'Redis revocation check failed; API keys rely on the CRM answer cached for a few seconds');
      return false;
    }
  }

  private touch(id: string): void {
    if (this.touched.get(id)) return;
    this.touched.set(id, true, TOUCH_INTERVAL_MS);
    this.crm.touchApiKey(id).catch((error: unknown) => {
      this.touched.delete(id);
      this.warn(error, 'could not record when the API key was used');
    });
  }

  private async sessionRevoked(claims: SessionClaims): Promise<boolean> {
    if (this.redis) {
      try {
        return await this.redis.isSessionRevoked(claims.jti);
      } catch (error) {
        // The CRM writes every revocation to PostgreSQL before Redis, so its list is complete.
        this.warn(error, 'Redis deny-list unreachable; asking the CRM instead');
      }
    }
    try {
      return await this.crmSessionRevoked(claims);
    } catch (error) {
      this.warn(error, `session revocation cannot be checked; failing ${this.settings.revocationFailMode}`);
      if (this.settings.revocationFailMode === 'closed') {
        throw refused('Your session cannot be checked just now; try again shortly', 'revocation-unavailable');
      }
      return false;
    }
  }

  private crmSessionRevoked(claims: SessionClaims): Promise<boolean> {
    const cached = this.sessions.get(claims.jti);
    if (cached) return cached;
    const lookup = this.crm.sessionRevoked(claims.jti);
    this.sessions.set(claims.jti, lookup, this.settings.cacheSeconds * 1000);
    lookup.then(
      (revoked) => {
        // A revoked token stays revoked: remember that until it expires.
        if (revoked) this.sessions.set(claims.jti, lookup, claims.exp * 1000 - Date.now());
      },
      () => this.sessions.delete(claims.jti),
    );
    return lookup;
  }

  private warn(error: unknown, message: string): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_INTERVAL_MS) return;
    this.warnedAt = now;
    this.options.logger.warn({ err: error }, message);
  }
}
