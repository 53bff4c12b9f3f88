import { randomUUID } from 'node:crypto';
import { createRedis, watchRedis, type Logger } from '@nusa/platform';
import type { Redis } from 'ioredis';
import {
  APPEND_SCRIPT,
  appendArguments,
  CANCEL_CHANNEL,
  claimKey,
  decodeEntry,
  decodeLive,
  encodeLive,
  liveChannel,
  RENEW_SCRIPT,
  streamKey,
} from './redis-codec.js';
import { RedisChannels } from './redis-channels.js';
import { RedisReader, type ReaderHost } from './redis-reader.js';
import { batchStart, checkAfterSeq, SeqConflict, secondsToMs, UNFINISHED_RETENTION_SECONDS, type StreamEvent } from './stream-event.js';
import type { TokenLog } from './token-log.js';

/** Every command gives up after this long, so neither an append nor a reader hangs on an unreachable Redis. */
export const COMMAND_TIMEOUT_MS = 2000;

export interface RedisTokenLogOptions {
  url: string;
  retentionSeconds: number;
  logger: Logger;
  /** Named in `CLIENT LIST` (the subscriber connection gets `:sub` appended). Default: `chat-token-log`. */
  connectionName?: string;
  /** How often the subscriber connection must answer a PING while readers or cancel handlers use it. Default: 5000. */
  heartbeatMs?: number;
}

type StreamEntry = [id: string, fields: string[]];

/** The scripts, defined on the connection so ioredis sends them by SHA. */
interface ScriptCommands {
  chatAppend(key: string, ...args: (string | number)[]): Promise<[stored: number, seq: number, finished?: number]>;
  chatRenew(key: string, owner: string, ttlMs: number): Promise<number>;
}

interface Feed {
  readers: Set<RedisReader>;
  subscribed: Promise<void>;
}

/** The token log shared by every instance on one Redis: a stream per message, pub/sub for live events and cancels. */
export class RedisTokenLog implements TokenLog {
  private readonly redis: Redis & ScriptCommands;
  private readonly channels: RedisChannels;
  /** Per message followed here, its readers: one channel subscription however many they are. */
  private readonly feeds = new Map<string, Feed>();
  private readonly openReaders = new Set<RedisReader>();
  private readonly cancelHandlers = new Set<{ handler: (messageId: string) => void }>();
  /** Tells this instance's own cancels apart when Redis echoes them back. */
  private readonly instanceId = randomUUID();
  private readonly retentionMs: number;
  private readonly unfinishedMs: number;
  private readonly logger: Logger;
  private readonly host: ReaderHost;
  private closed = false;
  readonly shared = true;

  constructor(options: RedisTokenLogOptions) {
    this.retentionMs = secondsToMs(options.retentionSeconds, 'retentionSeconds');
    this.unfinishedMs = Math.max(this.retentionMs, UNFINISHED_RETENTION_SECONDS * 1000);
    this.logger = options.logger;
    const connectionName = options.connectionName ?? 'chat-token-log';
    const redis = createRedis(options.url, connectionName, this.logger, {
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
    });
    redis.defineCommand('chatAppend', { numberOfKeys: 1, lua: APPEND_SCRIPT });
    redis.defineCommand('chatRenew', { numberOfKeys: 1, lua: RENEW_SCRIPT });
    this.redis = redis as Redis & ScriptCommands;
    this.channels = new RedisChannels(
      () =>
        watchRedis(
          redis.duplicate({ connectionName: `${connectionName}:sub`, autoResubscribe: false }),
          `${connectionName}:sub`,
          this.logger,
        ),
      (error) => this.failReaders(error),
      this.logger,
      options.heartbeatMs,
    );
    this.host = {
      join: (reader) => this.join(reader),
      leave: (reader) => this.leave(reader),
      range: (messageId, fromSeq, count) => this.range(messageId, fromSeq, count),
      last: (messageId) => this.last(messageId),
    };
  }

  async append(events: StreamEvent[]): Promise<void> {
    const start = batchStart(events);
    if (!start) return;
    const { messageId, firstSeq } = start;
    const [stored, seq, finished] = await this.redis.chatAppend(
      streamKey(messageId),
      liveChannel(messageId),
      encodeLive(events),
      this.retentionMs,
      this.unfinishedMs,
      firstSeq,
      ...appendArguments(events),
    );
    if (stored !== 1) throw new SeqConflict(messageId, seq, firstSeq, finished === 1);
  }

  read(messageId: string, afterSeq: number): AsyncIterableIterator<StreamEvent> {
    return new RedisReader(this.host, messageId, checkAfterSeq(afterSeq));
  }

  async last(messageId: string): Promise<StreamEvent | null> {
    const [entry] = (await this.redis.xrevrange(streamKey(messageId), '+', '-', 'COUNT', 1)) as StreamEntry[];
    return entry ? decodeEntry(messageId, entry) : null;
  }

  async claim(messageId: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const ttlMs = secondsToMs(ttlSeconds, 'ttlSeconds');
    return (await this.redis.set(claimKey(messageId), owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renew(messageId: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const ttlMs = secondsToMs(ttlSeconds, 'ttlSeconds');
    return (await this.redis.chatRenew(claimKey(messageId), owner, ttlMs)) === 1;
  }

  async claimed(messageId: string): Promise<boolean> {
    return (await this.redis.exists(claimKey(messageId))) === 1;
  }

  async cancel(messageId: string): Promise<void> {
    // Handlers here hear it at once, even before this instance's cancel subscription is confirmed.
    this.deliverCancel(messageId);
    await this.redis.publish(CANCEL_CHANNEL, JSON.stringify({ messageId, from: this.instanceId }));
  }

  onCancel(handler: (messageId: string) => void): () => void {
    const registration = { handler };
    this.cancelHandlers.add(registration);
    if (this.cancelHandlers.size === 1) {
      this.channels
        .listen(CANCEL_CHANNEL, (payload) => this.receiveCancel(payload))
        // The channel stays listened to, so it is subscribed again once Redis is back.
        .catch((error: unknown) => this.logger.warn({ err: error }, 'cannot subscribe to cancels yet'));
    }
    return () => {
      if (this.cancelHandlers.delete(registration) && this.cancelHandlers.size === 0) this.channels.unlisten(CANCEL_CHANNEL);
    };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  readers(): number {
    return this.openReaders.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failReaders(new Error('the token log was closed'));
    this.cancelHandlers.clear();
    await this.channels.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private join(reader: RedisReader): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the token log is closed'));
    this.openReaders.add(reader);
    const { messageId } = reader;
    let feed = this.feeds.get(messageId);
    if (!feed) {
      const readers = new Set<RedisReader>();
      const subscribed = this.channels.listen(liveChannel(messageId), (payload) => this.dispatch(messageId, readers, payload));
      // Its readers see a failure through their own await; this covers the case where all of them left first.
      subscribed.catch(() => undefined);
      feed = { readers, subscribed };
      this.feeds.set(messageId, feed);
    }
    feed.readers.add(reader);
    return feed.subscribed;
  }

  private leave(reader: RedisReader): void {
    this.openReaders.delete(reader);
    const feed = this.feeds.get(reader.messageId);
    if (!feed?.readers.delete(reader) || feed.readers.size > 0) return;
    this.feeds.delete(reader.messageId);
    this.channels.unlisten(liveChannel(reader.messageId));
  }

  private async range(messageId: string, fromSeq: number, count: number): Promise<StreamEvent[]> {
    const entries = (await this.redis.xrange(streamKey(messageId), String(fromSeq), '+', 'COUNT', count)) as StreamEntry[];
    return entries.map((entry) => decodeEntry(messageId, entry));
  }

  /** Decodes a published batch once for all the message's readers here. */
  private dispatch(messageId: string, readers: Set<RedisReader>, payload: string): void {
    let events: StreamEvent[];
    try {
      events = decodeLive(messageId, payload);
    } catch (error) {
      this.logger.error({ err: error, messageId }, 'unreadable live payload; readers catch up from the stream');
      for (const reader of readers) reader.resync();
      return;
    }
    for (const reader of readers) reader.receive(events);
  }

  private failReaders(error: Error): void {
    if (this.openReaders.size === 0) return;
    if (!this.closed) this.logger.warn({ err: error, readers: this.openReaders.size }, 'ending token readers');
    for (const reader of [...this.openReaders]) reader.fail(error);
  }

  private receiveCancel(payload: string): void {
    let message: { messageId?: unknown; from?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch (error) {
      this.logger.error({ err: error }, 'unreadable cancel payload');
      return;
    }
    if (message.from === this.instanceId || typeof message.messageId !== 'string') return;
    this.deliverCancel(message.messageId);
  }

  private deliverCancel(messageId: string): void {
    for (const { handler } of [...this.cancelHandlers]) {
      try {
        handler(messageId);
      } catch (error) {
        this.logger.error({ err: error, messageId }, 'a cancel handler failed');
      }
    }
  }
}
