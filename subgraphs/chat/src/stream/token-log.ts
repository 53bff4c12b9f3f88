import { createLogger, type Logger } from '@nusa/platform';
import { InProcessTokenLog } from './in-process-log.js';
import { RedisTokenLog } from './redis-log.js';
import type { StreamEvent } from './stream-event.js';

export { SeqConflict, type StreamEvent } from './stream-event.js';

/**
 * The streamed events of assistant messages: one generator appends a message's events, any number of readers
 * (on any instance sharing the store) replay and follow them.
 */
export interface TokenLog {
  /** Appends events of one message in order (seq must continue the stored ones: last+1, else throws `SeqConflict`) and publishes them. A done event starts the retention clock. */
  append(events: StreamEvent[]): Promise<void>;
  /**
   * Every stored event with seq > afterSeq, then live ones, ending after the done event (at once when the stored
   * done event is at or before `afterSeq`). `return()`/`break` releases everything (listeners, Redis channel
   * subscriptions), also while a `next()` waits. Events are shared between readers: do not mutate them.
   * Calls to `next()` must not overlap.
   */
  read(messageId: string, afterSeq: number): AsyncIterableIterator<StreamEvent>;
  /** The newest stored event of a message, or null. */
  last(messageId: string): Promise<StreamEvent | null>;
  /** Claims the right to generate `messageId`; true for the first caller only (within `ttlSeconds`, renewable). */
  claim(messageId: string, owner: string, ttlSeconds: number): Promise<boolean>;
  /** Extends a claim this owner holds; false if it lost it (expired or someone else's). */
  renew(messageId: string, owner: string, ttlSeconds: number): Promise<boolean>;
  /** Whether anyone holds a live claim on the message. */
  claimed(messageId: string): Promise<boolean>;
  /** Cancellation across instances: `cancel` reaches every `onCancel` handler of every instance sharing the store. */
  cancel(messageId: string): Promise<void>;
  /** Returns an unsubscribe function. */
  onCancel(handler: (messageId: string) => void): () => void;
  /** Open readers (for metrics). */
  readers(): number;
  /** True when the log is shared between instances (Redis). */
  readonly shared: boolean;
  /** Whether the store answers (in process: always). */
  ping(): Promise<void>;
  /** Ends open readers with an error and releases timers and connections. */
  close(): Promise<void>;
}

export interface TokenLogOptions {
  /** Redis to share the log between instances; without it the log lives in this process only. Default: none. */
  redisUrl?: string;
  /** How long a message's events are kept after its done event. Default: 3600. */
  retentionSeconds?: number;
  /** Where connection losses and failing cancel handlers are reported. Default: a `chat` logger at `info`. */
  logger?: Logger;
}

export const DEFAULT_RETENTION_SECONDS = 3600;

/** A Redis-backed log when `redisUrl` is set, otherwise an in-process one (single instance only). */
export function createTokenLog(options: TokenLogOptions): TokenLog {
  const retentionSeconds = options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
  const logger = options.logger ?? createLogger('chat', 'info');
  return options.redisUrl
    ? new RedisTokenLog({ url: options.redisUrl, retentionSeconds, logger })
    : new InProcessTokenLog({ retentionSeconds, logger });
}
