import type { ServerResponse } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';

/** The JSON of each result's `data`, by the data object itself: requests sharing one execution share it. */
const dataJson = new WeakMap<object, string>();
/** The whole answer of a result with data only (the commonest kind), by its data object. */
const dataOnlyJson = new WeakMap<object, string>();
/** The most recent data-only answers and their UTF-8 bytes, newest last. */
const recentBytes: [string, Buffer][] = [];
const RECENT_BYTES = 8;
/** Answers shorter than this are cheap to encode on every write. */
const ENCODE_ONCE_FROM = 4096;

const DATA_PREFIX = '{"data":';

/**
 * The `data` of a result that is a subgraph's answer passed through as it came (see
 * pass-through.ts): it holds that answer's bytes, written as the whole answer when nothing is added
 * to it. Anything that serialises it otherwise (graphql-ws's messages) gets the same data, parsed.
 */
export class PassedThroughData {
  private text?: string;
  constructor(private readonly bytes: Buffer) {}

  /** The whole answer, `{"data":…}` and a newline, as the subgraph wrote it. */
  answer(): string {
    if (this.text === undefined) {
      const text = this.bytes.toString();
      this.text = text.endsWith('\n') ? text : `${text}\n`;
      if (this.text.length >= ENCODE_ONCE_FROM && this.text.length === text.length) keepBytes(this.text, this.bytes);
    }
    return this.text;
  }

  /** The JSON of the data alone. */
  dataJson(): string {
    const answer = this.answer();
    return answer.slice(DATA_PREFIX.length, answer.length - 2);
  }

  toJSON(): unknown {
    return JSON.parse(this.dataJson()) as unknown;
  }
}

function keepBytes(json: string, bytes: Buffer): void {
  if (recentBytes.length >= RECENT_BYTES) recentBytes.shift();
  recentBytes.push([json, bytes]);
}

function jsonOfData(data: unknown): string {
  if (data instanceof PassedThroughData) return data.dataJson();
  if (typeof data !== 'object' || data === null) return JSON.stringify(data);
  let json = dataJson.get(data);
  if (json === undefined) {
    json = JSON.stringify(data);
    dataJson.set(data, json);
  }
  return json;
}

function dataOnly(data: object): string {
  let json = dataOnlyJson.get(data);
  if (json === undefined) {
    json = `{"data":${jsonOfData(data)}}\n`;
    dataOnlyJson.set(data, json);
    if (json.length >= ENCODE_ONCE_FROM) keepBytes(json, Buffer.from(json));
  }
  return json;
}

/**
 * Apollo Server's `stringifyResult`, writing exactly what its default writes (`JSON.stringify` of
 * `{ errors, data, extensions }` and a newline) but serialising a `data` object once however many
 * requests answer with it: identical queries in flight together share one result (see
 * inflight-queries.ts), and a large answer is the costliest thing the gateway does per request.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  if (result.errors === undefined && result.extensions === undefined && typeof result.data === 'object' && result.data !== null) {
    return result.data instanceof PassedThroughData ? result.data.answer() : dataOnly(result.data);
  }
  const parts: string[] = [];
  if (result.errors !== undefined) parts.push(`"errors":${JSON.stringify(result.errors)}`);
  if (result.data !== undefined) parts.push(`"data":${jsonOfData(result.data)}`);
  if (result.extensions !== undefined) parts.push(`"extensions":${JSON.stringify(result.extensions)}`);
  return `{${parts.join(',')}}\n`;
}

/** The UTF-8 bytes of a large answer {@link stringifyResult} made recently, if `chunk` is one. */
export function encodedAnswer(chunk: unknown): Buffer | undefined {
  if (typeof chunk !== 'string' || chunk.length < ENCODE_ONCE_FROM) return undefined;
  for (let index = recentBytes.length - 1; index >= 0; index -= 1) {
    const [json, bytes] = recentBytes[index] as [string, Buffer];
    if (json === chunk) return bytes;
  }
  return undefined;
}

/**
 * Makes `res` write a large answer made by {@link stringifyResult} as the bytes kept for it: Node
 * would otherwise measure and encode the same long string again for every request answered with it.
 */
export function writeAnswersEncodedOnce(res: ServerResponse): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => end(encodedAnswer(chunk) ?? chunk, ...rest)) as ServerResponse['end'];
}
