import { randomUUID } from 'node:crypto';
import { createLogger } from '@nusa/platform';
import { Redis } from 'ioredis';
import { RedisTokenLog } from './redis-log.js';
import { LIVE_BUFFER_LIMIT, REPLAY_PAGE } from './redis-reader.js';
import { createTokenLog, SeqConflict, type StreamEvent, type TokenLog, type TokenLogOptions } from './token-log.js';

/** The Redis tests use; they write only keys named after fresh random ids. */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('chat-token-log-test', 'silent');

let admin: Redis;
const opened: TokenLog[] = [];
const messageIds: string[] = [];

beforeAll(() => {
  admin = new Redis(redisUrl);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close()));
  const keys = messageIds.splice(0).flatMap((id) => [`chat:stream:${id}`, `chat:claim:${id}`]);
  if (keys.length > 0) await admin.del(...keys);
});

afterAll(async () => {
  await admin.quit();
});

function track<T extends TokenLog>(log: T): T {
  opened.push(log);
  return log;
}

function newMessageId(): string {
  const id = `test-${randomUUID()}`;
  messageIds.push(id);
  return id;
}

/** Events `from`..`to` of a message whose done event is `doneAt`. */
function events(messageId: string, from: number, to: number, doneAt = Number.POSITIVE_INFINITY): StreamEvent[] {
  return seqs(from, to).map((seq) => ({ messageId, seq, delta: `token ${seq} `, done: seq === doneAt, error: null }));
}

function seqs(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

async function collect(iterator: AsyncIterableIterator<StreamEvent>): Promise<StreamEvent[]> {
  const received: StreamEvent[] = [];
  for await (const event of iterator) received.push(event);
  return received;
}

/** A reproducible random sequence, so a failing interleaving can be replayed. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<void> | void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

interface Implementation {
  name: string;
  open(options?: Partial<TokenLogOptions>): TokenLog;
  /** Two logs sharing one store: two instances on one Redis; in process, the one log twice. */
  pair(): [TokenLog, TokenLog];
}

const inProcess: Implementation = {
  name: 'in-process',
  open: (options) => track(createTokenLog({ logger, ...options })),
  pair() {
    const log = this.open();
    return [log, log];
  },
};

const onRedis: Implementation = {
  name: 'Redis',
  open: (options) => track(createTokenLog({ redisUrl, logger, ...options })),
  pair() {
    return [this.open(), this.open()];
  },
};

describe.each([inProcess, onRedis])('the $name token log', (implementation) => {
  it('replays the stored events, then follows live ones with no gap or duplicate while appends race', async () => {
    const [writer, other] = implementation.pair();
    const messageId = newMessageId();
    const random = randomFrom(20_240_611);
    const total = 300;
    const reads: { afterSeq: number; received: Promise<StreamEvent[]> }[] = [];
    let stored = 0;
    while (stored < total) {
      const to = Math.min(total, stored + 1 + Math.floor(random() * 4));
      const appending = writer.append(events(messageId, stored + 1, to, total));
      // Readers start while the append is in flight, at any point of what is stored, or a little ahead of it.
      for (let n = Math.floor(random() * 3); n > 0; n -= 1) {
        const afterSeq = Math.floor(random() * (stored + 3));
        const log = random() < 0.5 ? writer : other;
        reads.push({ afterSeq, received: collect(log.read(messageId, afterSeq)) });
      }
      await appending;
      stored = to;
      if (random() < 0.3) await sleep(1);
    }

    expect(reads.length).toBeGreaterThan(100);
    for (const { afterSeq, received } of reads) {
      const got = await received;
      expect(got.map((event) => event.seq)).toEqual(seqs(afterSeq + 1, total));
      expect(got.at(-1)).toEqual({ messageId, seq: total, delta: `token ${total} `, done: true, error: null });
    }
    expect(writer.readers() + other.readers()).toBe(0);
  });

  it('waits for live events when afterSeq is beyond the stored end', async () => {
    const log = implementation.open();
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 3));
    const reader = log.read(messageId, 5);
    let settled = false;
    const first = reader.next().finally(() => (settled = true));

    await log.append(events(messageId, 4, 5));
    await sleep(50);
    expect(settled).toBe(false);

    await log.append(events(messageId, 6, 7, 7));
    expect(await first).toEqual({ done: false, value: expect.objectContaining({ seq: 6 }) as unknown });
    expect(await reader.next()).toEqual({ done: false, value: expect.objectContaining({ seq: 7, done: true }) as unknown });
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });

  it('ends at once when the done event is at or before afterSeq', async () => {
    const log = implementation.open();
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 4, 4));

    expect(await collect(log.read(messageId, 4))).toEqual([]);
    expect(await collect(log.read(messageId, 9))).toEqual([]);
    expect(log.readers()).toBe(0);
  });

  it('rejects a second writer whose seq is stale, leaving the stored events as they were', async () => {
    const [first, second] = implementation.pair();
    const messageId = newMessageId();
    await first.append(events(messageId, 1, 3));

    await expect(second.append(events(messageId, 3, 4))).rejects.toThrow(SeqConflict);
    await expect(second.append(events(messageId, 5, 5))).rejects.toMatchObject({ storedSeq: 3, attemptedSeq: 5, finished: false });
    expect(await first.last(messageId)).toMatchObject({ seq: 3 });

    await second.append([{ messageId, seq: 4, delta: '', done: true, error: 'the model is overloaded' }]);
    await expect(first.append(events(messageId, 5, 5))).rejects.toMatchObject({ name: 'SeqConflict', finished: true });
    expect(await first.last(messageId)).toEqual({ messageId, seq: 4, delta: '', done: true, error: 'the model is overloaded' });
    expect((await collect(first.read(messageId, 0))).map((event) => event.seq)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a batch that is not one message in order, and a negative afterSeq', async () => {
    const log = implementation.open();
    const messageId = newMessageId();

    await expect(log.append([...events(messageId, 1, 1), ...events(messageId, 3, 3)])).rejects.toThrow(SeqConflict);
    await expect(log.append([...events(messageId, 1, 1), ...events(newMessageId(), 2, 2)])).rejects.toThrow(/one message/);
    await expect(log.append(events(messageId, 1, 2, 1))).rejects.toThrow(/last/);
    expect(await log.last(messageId)).toBeNull();
    expect(() => log.read(messageId, -1)).toThrow(RangeError);
  });

  it('never makes the writer wait for a reader that does not pull, and the reader later gets every event', async () => {
    const log = implementation.open();
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 1));
    const slow = log.read(messageId, 0);
    expect(await slow.next()).toMatchObject({ value: { seq: 1 } });

    // Four times more than a Redis reader buffers, the done event overflowing it last: the reader must drop its buffer
    // and read everything back from the stream (in more than one page), with no later event to reveal the gap.
    const doneAt = 1 + 4 * (LIVE_BUFFER_LIMIT + 1);
    expect(doneAt).toBeGreaterThan(REPLAY_PAGE);
    const keepingUp = collect(log.read(messageId, 0));
    for (const event of events(messageId, 2, doneAt, doneAt)) await log.append([event]);
    // Once a reader that keeps up has the done event, the slow one has been handed every live event too.
    expect(await keepingUp).toHaveLength(doneAt);
    const rest = await collect(slow);

    expect(rest.map((event) => event.seq)).toEqual(seqs(2, doneAt));
  });

  it('delivers one writer’s events to readers on every instance sharing the store', async () => {
    const [writer, other] = implementation.pair();
    const messageId = newMessageId();
    const onOther = collect(other.read(messageId, 0));
    const onWriter = collect(writer.read(messageId, 0));
    for (let seq = 1; seq <= 50; seq += 10) await writer.append(events(messageId, seq, seq + 9, 50));

    expect((await onOther).map((event) => event.seq)).toEqual(seqs(1, 50));
    expect((await onWriter).map((event) => event.seq)).toEqual(seqs(1, 50));
  });

  it('grants a claim to its first caller only, renews it for its owner only, and frees it when it expires', async () => {
    const [a, b] = implementation.pair();
    const messageId = newMessageId();
    expect(await a.claimed(messageId)).toBe(false);

    expect(await a.claim(messageId, 'instance-a', 10)).toBe(true);
    expect(await b.claim(messageId, 'instance-b', 10)).toBe(false);
    expect(await a.claim(messageId, 'instance-a', 10)).toBe(false);
    expect(await b.claimed(messageId)).toBe(true);
    expect(await b.renew(messageId, 'instance-b', 10)).toBe(false);
    expect(await a.renew(messageId, 'instance-a', 0.2)).toBe(true);

    await eventually(async () => expect(await b.claimed(messageId)).toBe(false));
    expect(await a.renew(messageId, 'instance-a', 10)).toBe(false);
    expect(await b.claim(messageId, 'instance-b', 10)).toBe(true);
    expect(await a.claimed(messageId)).toBe(true);
  });

  it('delivers a cancel to the handlers of every instance, once each, until they unsubscribe', async () => {
    const [a, b] = implementation.pair();
    const onA: string[] = [];
    const onB: string[] = [];
    a.onCancel((messageId) => onA.push(messageId));
    const stopB = b.onCancel((messageId) => onB.push(messageId));
    const first = newMessageId();
    let sent = 0;

    // A cancel reaches the instances subscribed when it is sent; b's subscription may still be on its way.
    await eventually(async () => {
      sent += 1;
      await a.cancel(first);
      expect(onB).toContain(first);
    });
    // Published after a's cancels, so by the time a hears it, a has heard (and dropped) its own echoes.
    const barrier = newMessageId();
    await b.cancel(barrier);
    await eventually(() => expect(onA).toContain(barrier));
    expect(onA.filter((messageId) => messageId === first)).toHaveLength(sent);

    stopB();
    const after = newMessageId();
    await b.cancel(after);
    await eventually(() => expect(onA).toContain(after));
    expect(onB).not.toContain(after);
  });

  it('releases a reader on return() or break, and counts only open readers', async () => {
    const log = implementation.open();
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 3));
    const returned = log.read(messageId, 0);
    const broken = log.read(messageId, 0);
    expect(log.readers()).toBe(0);

    expect(await returned.next()).toMatchObject({ value: { seq: 1 } });
    expect(log.readers()).toBe(1);
    for await (const event of broken) {
      expect(log.readers()).toBe(2);
      if (event.seq === 2) break;
    }
    expect(log.readers()).toBe(1);
    expect(await returned.return?.()).toEqual({ done: true, value: undefined });
    expect(log.readers()).toBe(0);
    expect(await returned.next()).toEqual({ done: true, value: undefined });
  });

  it('lets a reader blocked on a message that never finishes be returned', async () => {
    const log = implementation.open();
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 1));
    const reader = log.read(messageId, 0);
    expect(await reader.next()).toMatchObject({ value: { seq: 1 } });
    const blocked = reader.next();
    await sleep(20);

    await reader.return?.();
    await expect(blocked).resolves.toEqual({ done: true, value: undefined });
    expect(log.readers()).toBe(0);
  });

  it('ends waiting readers with an error when the log is closed', async () => {
    const log = implementation.open();
    const reader = log.read(newMessageId(), 0);
    const blocked = expect(reader.next()).rejects.toThrow(/closed/);

    await log.close();
    await blocked;
    expect(log.readers()).toBe(0);
  });

  it('forgets a done message after the retention period but keeps an unfinished one', async () => {
    const log = implementation.open({ retentionSeconds: 1 });
    const done = newMessageId();
    const unfinished = newMessageId();
    await log.append(events(done, 1, 3, 3));
    await log.append(events(unfinished, 1, 3));
    expect(await log.last(done)).toMatchObject({ seq: 3, done: true });

    await eventually(async () => expect(await log.last(done)).toBeNull(), 2500);
    expect(await log.last(unfinished)).toMatchObject({ seq: 3 });
  });

  it('serves 1,000 concurrent readers over 100 messages of 200 tokens', async () => {
    const [writer, other] = implementation.pair();
    const random = randomFrom(7);
    const messages = Array.from({ length: 100 }, () => newMessageId());
    const reads: { afterSeq: number; received: Promise<StreamEvent[]> }[] = [];
    const startReaders = (messageId: string, stored: number, count: number): void => {
      for (let n = 0; n < count; n += 1) {
        const afterSeq = Math.floor(random() * (stored + 1));
        reads.push({ afterSeq, received: collect((n % 2 === 0 ? writer : other).read(messageId, afterSeq)) });
      }
    };
    const generate = async (messageId: string): Promise<void> => {
      startReaders(messageId, 0, 5);
      for (let seq = 1; seq <= 200; seq += 1) {
        await writer.append(events(messageId, seq, seq, 200));
        if (seq === 100) startReaders(messageId, seq, 5);
      }
    };

    await Promise.all(messages.map(generate));

    expect(reads).toHaveLength(1000);
    for (const { afterSeq, received } of reads) expect((await received).map((event) => event.seq)).toEqual(seqs(afterSeq + 1, 200));
    expect(writer.readers() + other.readers()).toBe(0);
  });
});

describe('the Redis token log', () => {
  const subscribers = async (channel: string): Promise<number> => {
    const [, count] = (await admin.pubsub('NUMSUB', channel)) as [string, number];
    return count;
  };

  it('stores a message as a stream with seq entry IDs that expires after the done event', async () => {
    const log = onRedis.open({ retentionSeconds: 1 });
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 2));
    const unfinishedTtl = await admin.pttl(`chat:stream:${messageId}`);
    await log.append(events(messageId, 3, 3, 3));

    expect(await admin.xrange(`chat:stream:${messageId}`, '-', '+')).toEqual([
      ['1-1', ['delta', 'token 1 ']],
      ['2-1', ['delta', 'token 2 ']],
      ['3-1', ['delta', 'token 3 ', 'done', '1']],
    ]);
    expect(unfinishedTtl).toBeGreaterThan(3_600_000);
    const ttl = await admin.pttl(`chat:stream:${messageId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    await eventually(async () => expect(await admin.exists(`chat:stream:${messageId}`)).toBe(0), 2500);
  });

  it('subscribes to a message once per instance and unsubscribes when its last reader leaves', async () => {
    const log = onRedis.open();
    const messageId = newMessageId();
    const channel = `chat:live:${messageId}`;
    await log.append(events(messageId, 1, 1));
    const first = log.read(messageId, 0);
    const second = log.read(messageId, 0);
    await first.next();
    await second.next();
    expect(await subscribers(channel)).toBe(1);

    await first.return?.();
    await sleep(50);
    expect(await subscribers(channel)).toBe(1);
    await second.return?.();
    await eventually(async () => expect(await subscribers(channel)).toBe(0));
  });

  it('keeps readers of a healthy connection open across heartbeats', async () => {
    const log = track(new RedisTokenLog({ url: redisUrl, retentionSeconds: 60, logger, heartbeatMs: 20 }));
    const messageId = newMessageId();
    const received = collect(log.read(messageId, 0));
    for (let seq = 1; seq <= 10; seq += 1) {
      await log.append(events(messageId, seq, seq, 10));
      await sleep(20);
    }

    expect((await received).map((event) => event.seq)).toEqual(seqs(1, 10));
  });

  it('ends a reader with an error when the events it fell behind on are no longer stored', async () => {
    const log = onRedis.open();
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 1));
    const slow = log.read(messageId, 0);
    await slow.next();
    const keepingUp = collect(log.read(messageId, 0));
    for (const event of events(messageId, 2, LIVE_BUFFER_LIMIT + 50, LIVE_BUFFER_LIMIT + 50)) await log.append([event]);
    await keepingUp;

    await admin.del(`chat:stream:${messageId}`);
    await expect(slow.next()).rejects.toThrow(/after seq 1 .* no longer stored/);
    expect(log.readers()).toBe(0);
  });

  it('ends a reader with an error when its subscriber connection is lost, and serves new readers after reconnecting', async () => {
    const connectionName = `chat-token-log-test-${randomUUID()}`;
    const log = track(new RedisTokenLog({ url: redisUrl, retentionSeconds: 60, logger, connectionName }));
    const messageId = newMessageId();
    await log.append(events(messageId, 1, 1));
    const reader = log.read(messageId, 0);
    await reader.next();
    const blocked = reader.next();

    const clients = (await admin.client('LIST')) as string;
    const subscriber = clients.split('\n').find((line) => line.includes(` name=${connectionName}:sub `));
    const id = /^id=(\d+) /.exec(subscriber ?? '')?.[1];
    expect(id).toBeDefined();
    await admin.client('KILL', 'ID', id as string);

    await expect(blocked).rejects.toThrow(/lost the connection/);
    expect(log.readers()).toBe(0);
    await log.append(events(messageId, 2, 2, 2));
    await eventually(async () => expect((await collect(log.read(messageId, 0))).map((event) => event.seq)).toEqual([1, 2]), 5000);
  });
});
