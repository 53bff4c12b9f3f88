import type { StreamEvent } from './stream-event.js';

/** The Redis Stream of a message's events; entry IDs are `<seq>-1`, so Redis itself refuses a duplicate or older seq. */
export const streamKey = (messageId: string): string => `chat:stream:${messageId}`;
/** Where a message's appends are published, one payload per append. */
export const liveChannel = (messageId: string): string => `chat:live:${messageId}`;
export const claimKey = (messageId: string): string => `chat:claim:${messageId}`;
export const CANCEL_CHANNEL = 'chat:cancel';

/**
 * Appends one batch atomically: the seq check, the XADDs, the PUBLISH and the expiry run as one script, so a
 * second writer can neither interleave nor leave half a batch behind (a MULTI would run the XADDs after a failed one).
 * KEYS[1]: the stream. ARGV: channel, payload, done retention ms, unfinished retention ms, first seq, then per
 * event: delta, flags ('d' done, 'e' has error), error.
 * Returns {1, last seq} when stored, {0, stored seq, 1 if stored events are done} on a conflict.
 */
export const APPEND_SCRIPT = `
local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local stored = 0
local finished = 0
if top[1] then
  stored = tonumber(string.match(top[1][1], '^(%d+)'))
  local fields = top[1][2]
  for i = 1, #fields, 2 do
    if fields[i] == 'done' then finished = 1 end
  end
end
local seq = tonumber(ARGV[5])
if finished == 1 or seq ~= stored + 1 then
  return {0, stored, finished}
end
local done = false
for i = 6, #ARGV, 3 do
  local flags = ARGV[i + 1]
  local entry = {'XADD', KEYS[1], string.format('%d-1', seq), 'delta', ARGV[i]}
  if string.find(flags, 'd', 1, true) then
    done = true
    table.insert(entry, 'done')
    table.insert(entry, '1')
  end
  if string.find(flags, 'e', 1, true) then
    table.insert(entry, 'error')
    table.insert(entry, ARGV[i + 2])
  end
  redis.call(unpack(entry))
  seq = seq + 1
end
redis.call('PUBLISH', ARGV[1], ARGV[2])
if done then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return {1, seq - 1}
`;

/** Extends a claim only for the owner holding it. KEYS[1]: the claim. ARGV: owner, ttl ms. */
export const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** The per-event arguments of `APPEND_SCRIPT`. */
export function appendArguments(events: readonly StreamEvent[]): string[] {
  return events.flatMap((event) => [event.delta, `${event.done ? 'd' : ''}${event.error === null ? '' : 'e'}`, event.error ?? '']);
}

type LivePayload = [seq: number, delta: string, done: 0 | 1, error: string | null][];

/** What one append publishes: its events without the message id, which the channel names. */
export function encodeLive(events: readonly StreamEvent[]): string {
  const payload: LivePayload = events.map((event) => [event.seq, event.delta, event.done ? 1 : 0, event.error]);
  return JSON.stringify(payload);
}

export function decodeLive(messageId: string, payload: string): StreamEvent[] {
  const entries = JSON.parse(payload) as LivePayload;
  if (!Array.isArray(entries)) throw new Error(`not a live payload: ${payload.slice(0, 80)}`);
  return entries.map(([seq, delta, done, error]) => ({ messageId, seq, delta, done: done === 1, error }));
}

/** An XRANGE/XREVRANGE entry as the event it stores. */
export function decodeEntry(messageId: string, [id, fields]: [id: string, fields: string[]]): StreamEvent {
  const event: StreamEvent = { messageId, seq: Number.parseInt(id, 10), delta: '', done: false, error: null };
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    if (fields[i] === 'delta') event.delta = value;
    else if (fields[i] === 'done') event.done = true;
    else if (fields[i] === 'error') event.error = value;
  }
  return event;
}
