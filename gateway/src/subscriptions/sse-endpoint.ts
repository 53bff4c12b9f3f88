import { seqOf } from './resume.js';
import type { StreamFraming } from './stream-response.js';

/** A comment line: SSE clients ignore it, idle proxies see traffic. */
const COMMENT = ':\n\n';

/**
 * The GraphQL over SSE protocol's "distinct connections" mode, as the `graphql-sse` client reads
 * it: one `next` event per result (its data the result's JSON, its `id` the event's `seq` when the
 * root field selects one, so that `Last-Event-ID` resumes), `complete` when the stream ends, and a
 * comment as the opening and the heartbeat. Refusals are a `next` with the errors, then `complete`:
 * the client hands them to `next` and does not retry, where it would retry a 4xx status blindly.
 */
export const SSE_FRAMING: StreamFraming = {
  headers: {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    // nginx and similar proxies would buffer the stream otherwise.
    'x-accel-buffering': 'no',
  },
  opening: COMMENT,
  heartbeat: COMMENT,
  event: (result) => {
    const seq = seqOf(result);
    return `${seq === undefined ? '' : `id: ${seq}\n`}event: next\ndata: ${JSON.stringify(result)}\n\n`;
  },
  closing: 'event: complete\ndata:\n\n',
};

/** Default interval of SSE heartbeats, as graphql-sse's own server sends them. */
export const SSE_HEARTBEAT_MS = 12_000;
