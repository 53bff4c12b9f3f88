import type { ServerResponse } from 'node:http';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';

/** How one streaming transport frames results on the wire. */
export interface StreamFraming {
  headers: Record<string, string>;
  /** Written at once, so the headers pass proxies that wait for a first byte. */
  opening: string;
  /** Written every heartbeat interval while the stream is idle or not. */
  heartbeat: string;
  /** One result; `live` is false for the single result that answers instead of a stream (a refusal, a query). */
  event: (result: FormattedExecutionResult, live: boolean) => string;
  /** Written when the stream ends by itself (not when the client has gone). */
  closing: string;
}

/** What {@link writeStream} writes and how. */
/** A result as the hub gives it (errors as `GraphQLError`s) or as Apollo Server gives it (errors formatted). */
export type AnyResult = ExecutionResult | FormattedExecutionResult;

export interface StreamWrite {
  results: AnyResult | AsyncIterableIterator<ExecutionResult>;
  framing: StreamFraming;
  heartbeatMs: number;
  /** The gateway's error policy, applied to each result. */
  format: (result: AnyResult) => FormattedExecutionResult;
  /** Whether the client has already gone (checked before anything is written). */
  closed: () => boolean;
}

function isStream(results: StreamWrite['results']): results is AsyncIterableIterator<ExecutionResult> {
  return Symbol.asyncIterator in results;
}

/**
 * Streams `results` on `res` in a transport's framing, with heartbeats, until they end or the client
 * goes: then the results are returned, which ends the subscription upstream and gives back its
 * open slot.
 */
export async function writeStream(res: ServerResponse, { results, framing, heartbeatMs, format, closed }: StreamWrite): Promise<void> {
  if (closed()) {
    if (isStream(results)) await results.return?.();
    return;
  }
  res.writeHead(200, framing.headers);
  res.write(framing.opening);
  if (!isStream(results)) {
    res.end(framing.event(format(results), false) + framing.closing);
    return;
  }
  const heartbeat = setInterval(() => res.write(framing.heartbeat), heartbeatMs);
  const stop = () => {
    clearInterval(heartbeat);
    void results.return?.();
  };
  res.once('close', stop);
  try {
    for await (const result of results) res.write(framing.event(format(result), true));
    if (!res.destroyed) res.end(framing.closing);
  } finally {
    res.off('close', stop);
    clearInterval(heartbeat);
  }
}
