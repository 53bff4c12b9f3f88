import type { Logger } from '@nusa/platform';
import type { Redis } from 'ioredis';

/** How often the subscriber connection is checked by default: one that died silently would otherwise strand its readers. */
export const HEARTBEAT_MS = 5000;

/**
 * The one subscriber connection of a token log: one listener per channel (callers count their own users), opened on
 * first use. When the connection is lost, `onLoss` hears it at once, since the messages published meanwhile are gone;
 * after reconnecting, the channels still listened to are subscribed again.
 */
export class RedisChannels {
  private connection: Redis | null = null;
  private readonly listeners = new Map<string, (payload: string) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private lost = false;
  private closed = false;

  constructor(
    private readonly connect: () => Redis,
    private readonly onLoss: (error: Error) => void,
    private readonly logger: Logger,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    this.heartbeat = setInterval(() => this.checkAlive(), heartbeatMs).unref();
  }

  /** Routes the channel's messages to `listener` and resolves once Redis confirmed the subscription. */
  async listen(channel: string, listener: (payload: string) => void): Promise<void> {
    this.listeners.set(channel, listener);
    await this.open().subscribe(channel);
  }

  unlisten(channel: string): void {
    if (!this.listeners.delete(channel) || !this.connection) return;
    // Sent in order after the SUBSCRIBE, so a quick listen again is never undone by this one.
    this.connection.unsubscribe(channel).catch((error: unknown) => this.logger.warn({ err: error, channel }, 'unsubscribe failed'));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.listeners.clear();
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.quit().catch(() => connection.disconnect());
  }

  private open(): Redis {
    if (this.closed) throw new Error('the token log is closed');
    if (this.connection) return this.connection;
    const connection = this.connect();
    connection.on('message', (channel: string, payload: string) => this.listeners.get(channel)?.(payload));
    // Its errors are reported by the factory's watch (see `connect`); readers learn of a loss through `onLoss`.
    connection.on('close', () => this.lose(new Error('lost the connection to Redis; read again after the last seq received')));
    connection.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      const channels = [...this.listeners.keys()];
      if (channels.length > 0) {
        connection.subscribe(...channels).catch((error: unknown) => this.logger.warn({ err: error }, 'subscribing again failed'));
      }
    });
    this.connection = connection;
    return connection;
  }

  private lose(error: Error): void {
    if (this.closed) return;
    this.lost = true;
    this.onLoss(error);
  }

  private checkAlive(): void {
    const connection = this.connection;
    if (!connection || connection.status !== 'ready' || this.listeners.size === 0) return;
    connection.ping().catch((error: unknown) => {
      if (this.connection !== connection || connection.status !== 'ready') return;
      this.logger.warn({ err: error }, 'the Redis subscriber connection stopped answering; reconnecting');
      this.lose(new Error('the Redis subscriber connection stopped answering'));
      connection.disconnect(true);
    });
  }
}
