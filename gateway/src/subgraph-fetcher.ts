import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { REQUEST_ID_HEADER } from '@nusa/platform';

/** What a subgraph answered, read to the end once, however many fetches share it. */
interface Answer {
  url: string;
  status: number;
  headers: Map<string, string>;
  bytes: Buffer;
  /** The body decoded, once a consumer asks for it. */
  text?: string;
}

/** The body bytes of each response this fetcher made, for an answer passed through as it came. */
const bodies = new WeakMap<FetcherResponse, Buffer>();

/** The body of a response this fetcher made, as bytes (undefined for any other response). */
export function bodyBytesOf(response: FetcherResponse): Buffer | undefined {
  return bodies.get(response);
}

function textOf(answer: Answer): string {
  answer.text ??= answer.bytes.toString();
  return answer.text;
}

/** Response headers as Apollo's data source reads them (names in any case). */
class AnswerHeaders implements FetcherHeaders {
  constructor(private readonly map: Map<string, string>) {}
  append(name: string, value: string): void {
    const current = this.map.get(name.toLowerCase());
    this.map.set(name.toLowerCase(), current === undefined ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** A response over an answer: each consumer parses its own copy of the body, so none can change another's. */
function responseOf(answer: Answer): FetcherResponse {
  const { url, status, bytes } = answer;
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: STATUS_CODES[status] ?? '',
    headers: new AnswerHeaders(new Map(answer.headers)),
    arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer),
    text: () => Promise.resolve(textOf(answer)),
    json: () => Promise.resolve(JSON.parse(textOf(answer)) as unknown),
    clone: () => responseOf(answer),
  };
  bodies.set(response, bytes);
  return response;
}

/** Whether a body Apollo's data source sends (`{"query":"…",…}`) is a query, which can be shared; a mutation never is. */
function isQuery(body: string): boolean {
  const prefix = '{"query":"';
  return body.startsWith(prefix) && (body.startsWith('query', prefix.length) || body.startsWith('{', prefix.length));
}

/** Everything that makes two fetches the same one: URL, headers but the request id, body. */
function shareKey(url: string, headers: Record<string, string>, body: string): string {
  const named = Object.entries(headers)
    .filter(([name]) => name.toLowerCase() !== REQUEST_ID_HEADER)
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .sort();
  return `${url}\n${named.join('\n')}\n${body}`;
}

/**
 * A keep-alive connection pool to the subgraphs over undici's `request` (no WHATWG fetch, streams or
 * abort signal per fetch: the pool's header and body timeouts are the deadline), where identical
 * query fetches in flight at the same time (same URL, caller identity and body) go out once.
 */
export function createSubgraphFetcher(timeoutMs: number): { fetcher: Fetcher; close: () => Promise<void> } {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 128, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const inflight = new Map<string, Promise<Answer>>();
  const send = async (url: string, init: FetcherRequestInit): Promise<Answer> => {
    const method = init.method ?? 'POST';
    const response = await request(url, { method, headers: init.headers, body: init.body, dispatcher });
    const headers = new Map<string, string>();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return { url, status: response.statusCode, headers, bytes: Buffer.from(await response.body.arrayBuffer()) };
  };
  const fetcher: Fetcher = async (url, init = {}) => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    const key = body !== undefined && isQuery(body) ? shareKey(url, init.headers ?? {}, body) : undefined;
    if (key === undefined) return responseOf(await send(url, init));
    let answer = inflight.get(key);
    if (!answer) {
      answer = send(url, init).finally(() => inflight.delete(key));
      inflight.set(key, answer);
    }
    return responseOf(await answer);
  };
  return { fetcher, close: () => dispatcher.close() };
}
