import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis, REVOCATION_CHANNEL, RedisRevocations, revocationNotice, type Logger } from '@nusa/platform';
import { ExpiringMap } from './expiring-map.js';

/** How long a "not revoked" answer is trusted while the revocation channel is heard. */
const CLEAR_TTL_MS = 60_000;
/** How long a revocation heard on the channel is remembered (past any cached "not revoked"). */
const HEARD_TTL_MS = 10 * 60_000;

/**
 * The Redis deny-list without a round trip per request. The CRM writes each revocation marker and
 * publishes a notice on {@link REVOCATION_CHANNEL} in one transaction; this gateway listens, so a
 * "not revoked" answer can be trusted until a notice says otherwise (at most a minute). Whenever
 * the listening connection is not subscribed (connecting, dropped, reconnecting) nothing is
 * trusted: every check reads the marker, and what was trusted before is forgotten, since notices
 * sent meanwhile are lost.
 */
export class WatchedRevocations {
  private readonly markers: RedisRevocations;
  private readonly subscriber: Redis;
  private readonly clear = new ExpiringMap<string, true>();
  private readonly heard = new ExpiringMap<string, true>();
  private listening = false;
  /** Changes whenever listening starts or stops: an answer read across a change is not trusted. */
  private epoch = 0;
  /** The listening connection's name in `CLIENT LIST`. */
  readonly connectionName = `gateway-revocations-${randomUUID().slice(0, 8)}`;

  constructor(url: string, logger?: Logger) {
    this.markers = new RedisRevocations(url, 'gateway-revocation-markers', logger);
    this.subscriber = createRedis(url, this.connectionName, logger, { maxRetriesPerRequest: null, autoResubscribe: false });
    this.subscriber.on('message', (_channel: string, notice: string) => {
      this.heard.set(notice, true, HEARD_TTL_MS);
      this.clear.delete(notice);
    });
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(REVOCATION_CHANNEL).then(
        () => {
          if (this.subscriber.status !== 'ready') return;
          this.epoch += 1;
          this.listening = true;
        },
        () => undefined,
      );
    });
    this.subscriber.on('close', () => this.deafen());
  }

  isSessionRevoked(jti: string): Promise<boolean> {
    return this.check(revocationNotice.session(jti), () => this.markers.isSessionRevoked(jti));
  }

  isApiKeyRevoked(id: string): Promise<boolean> {
    return this.check(revocationNotice.apiKey(id), () => this.markers.isApiKeyRevoked(id));
  }

  /** Whether revocation notices are being heard (for tests and readiness). */
  get watching(): boolean {
    return this.listening;
  }

  ping(): Promise<void> {
    return this.markers.ping();
  }

  async close(): Promise<void> {
    this.deafen();
    this.subscriber.disconnect();
    await this.markers.close();
  }

  private deafen(): void {
    if (this.listening) this.epoch += 1;
    this.listening = false;
    this.clear.clear();
  }

  private async check(notice: string, read: () => Promise<boolean>): Promise<boolean> {
    if (this.heard.get(notice)) return true;
    if (this.listening && this.clear.get(notice)) return false;
    const epoch = this.epoch;
    const listening = this.listening;
    const revoked = await read();
    if (revoked) this.heard.set(notice, true, HEARD_TTL_MS);
    else if (listening && this.listening && epoch === this.epoch && !this.heard.get(notice)) this.clear.set(notice, true, CLEAR_TTL_MS);
    return revoked;
  }
}
