import type { Logger } from '@nusa/platform';
import { InProcessReader, type MessageRecord, type RecordHost } from './in-process-reader.js';
import { batchStart, checkAfterSeq, SeqConflict, secondsToMs, UNFINISHED_RETENTION_SECONDS, type StreamEvent } from './stream-event.js';
import type { TokenLog } from './token-log.js';

interface Claim {
  owner: string;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/** A promise of what `run` returns, rejected with what it throws. */
function attempt<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => resolve(run()));
}

/** The token log of a single instance: arrays per message, readers woken on append, retention by unref'd timers. */
export class InProcessTokenLog implements TokenLog, RecordHost {
  private readonly messages = new Map<string, MessageRecord>();
  private readonly claims = new Map<string, Claim>();
  private readonly cancelHandlers = new Set<{ handler: (messageId: string) => void }>();
  private readonly openReaders = new Set<InProcessReader>();
  private readonly retentionMs: number;
  private readonly unfinishedMs: number;
  private readonly logger: Logger;
  private closed = false;
  readonly shared = false;

  constructor(options: { retentionSeconds: number; logger: Logger }) {
    this.retentionMs = secondsToMs(options.retentionSeconds, 'retentionSeconds');
    this.unfinishedMs = Math.max(this.retentionMs, UNFINISHED_RETENTION_SECONDS * 1000);
    this.logger = options.logger;
  }

  append(events: StreamEvent[]): Promise<void> {
    return attempt(() => {
      this.checkOpen();
      const start = batchStart(events);
      if (!start) return;
      const record = this.messages.get(start.messageId) ?? this.createRecord(start.messageId);
      const stored = record.events.length;
      if (record.done || start.firstSeq !== stored + 1) throw new SeqConflict(start.messageId, stored, start.firstSeq, record.done);
      // Copies, so a caller reusing its objects cannot change what readers see.
      for (const event of events) record.events.push({ ...event });
      if (events.at(-1)?.done) {
        record.done = true;
        clearTimeout(record.expiry);
        record.expiry = setTimeout(() => this.expire(start.messageId, record), this.retentionMs).unref();
      } else {
        record.expiry.refresh();
      }
      const waiting = record.waiting;
      record.waiting = new Set();
      for (const reader of waiting) reader.wake();
    });
  }

  read(messageId: string, afterSeq: number): AsyncIterableIterator<StreamEvent> {
    return new InProcessReader(this, messageId, checkAfterSeq(afterSeq));
  }

  last(messageId: string): Promise<StreamEvent | null> {
    return Promise.resolve(this.messages.get(messageId)?.events.at(-1) ?? null);
  }

  claim(messageId: string, owner: string, ttlSeconds: number): Promise<boolean> {
    return attempt(() => {
      const ttlMs = secondsToMs(ttlSeconds, 'ttlSeconds');
      if (this.liveClaim(messageId)) return false;
      const timer = setTimeout(() => this.claims.delete(messageId), ttlMs).unref();
      this.claims.set(messageId, { owner, expiresAt: Date.now() + ttlMs, timer });
      return true;
    });
  }

  renew(messageId: string, owner: string, ttlSeconds: number): Promise<boolean> {
    return attempt(() => {
      const ttlMs = secondsToMs(ttlSeconds, 'ttlSeconds');
      const claim = this.liveClaim(messageId);
      if (claim?.owner !== owner) return false;
      clearTimeout(claim.timer);
      claim.timer = setTimeout(() => this.claims.delete(messageId), ttlMs).unref();
      claim.expiresAt = Date.now() + ttlMs;
      return true;
    });
  }

  claimed(messageId: string): Promise<boolean> {
    return Promise.resolve(this.liveClaim(messageId) !== null);
  }

  cancel(messageId: string): Promise<void> {
    for (const { handler } of [...this.cancelHandlers]) {
      try {
        handler(messageId);
      } catch (error) {
        this.logger.error({ err: error, messageId }, 'a cancel handler failed');
      }
    }
    return Promise.resolve();
  }

  onCancel(handler: (messageId: string) => void): () => void {
    const registration = { handler };
    this.cancelHandlers.add(registration);
    return () => void this.cancelHandlers.delete(registration);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  readers(): number {
    return this.openReaders.size;
  }

  close(): Promise<void> {
    this.closed = true;
    const error = new Error('the token log was closed');
    for (const reader of [...this.openReaders]) reader.fail(error);
    for (const record of this.messages.values()) clearTimeout(record.expiry);
    for (const claim of this.claims.values()) clearTimeout(claim.timer);
    this.messages.clear();
    this.claims.clear();
    this.cancelHandlers.clear();
    return Promise.resolve();
  }

  /** For a reader's first `next()`: the message it follows, created empty when nothing is stored yet; null once closed. */
  attach(reader: InProcessReader, messageId: string): MessageRecord | null {
    if (this.closed) return null;
    const record = this.messages.get(messageId) ?? this.createRecord(messageId);
    record.attached += 1;
    this.openReaders.add(reader);
    return record;
  }

  detach(reader: InProcessReader, record: MessageRecord): void {
    record.attached -= 1;
    this.openReaders.delete(reader);
  }

  private createRecord(messageId: string): MessageRecord {
    const record: MessageRecord = {
      events: [],
      done: false,
      waiting: new Set(),
      attached: 0,
      expiry: setTimeout(() => this.expire(messageId, record), this.unfinishedMs).unref(),
    };
    this.messages.set(messageId, record);
    return record;
  }

  private expire(messageId: string, record: MessageRecord): void {
    // Readers waiting on an unfinished message keep it: dropping it would strand them on a record no append reaches.
    if (!record.done && record.attached > 0) {
      record.expiry.refresh();
      return;
    }
    if (this.messages.get(messageId) === record) this.messages.delete(messageId);
  }

  private liveClaim(messageId: string): Claim | null {
    const claim = this.claims.get(messageId);
    if (!claim) return null;
    if (claim.expiresAt > Date.now()) return claim;
    clearTimeout(claim.timer);
    this.claims.delete(messageId);
    return null;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the token log is closed');
  }
}
