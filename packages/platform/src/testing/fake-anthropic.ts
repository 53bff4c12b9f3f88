import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listen, readBody } from '../http-server.js';

/** One step of a scripted streaming reply. */
export type StreamStep =
  /** One SSE event, `event: <event>\ndata: <data>\n\n`; `data` is JSON-encoded unless it is a string, which is written unchanged. */
  | { event: string; data: unknown }
  /** Pause before the next step. */
  | { delayMs: number }
  /** Hold until this settles (a test releases it); a closed connection or `stop()` ends the hold. */
  | { until: Promise<void> }
  /** Cut the connection abruptly, mid-stream, after what was written before reaches the socket. */
  | { destroy: true };

/**
 * What the fake answers to one request, like the Messages API: with `stream`, server-sent events
 * (status default 200); otherwise `json` as the body with `status` (default 200).
 */
export interface FakeReply {
  status?: number;
  /** Extra response headers, for example `retry-after-ms`; they override the fake's own. */
  headers?: Record<string, string>;
  json?: unknown;
  stream?: StreamStep[];
}

/** A request the fake received: its parsed body and headers. */
export interface FakeRequest {
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** A local stand-in for the Anthropic Messages API, for the real SDK through `ANTHROPIC_BASE_URL`. */
export interface FakeAnthropic {
  /** Give this to the SDK as `baseURL`. */
  baseUrl: string;
  requests: FakeRequest[];
  /** How many streams the client closed before the fake finished writing them (a cancelled request). */
  readonly aborted: number;
  /** Ends held streams, destroys open connections and closes the server. */
  stop: () => Promise<void>;
}

/** Options of {@link textStream}. */
export interface TextStreamOptions {
  /** Default: `claude-haiku-4-5`. */
  model?: string;
  /** Default: 25. */
  inputTokens?: number;
  /** Default: the number of tokens. */
  outputTokens?: number;
  /** Pause before each text delta. Default: 0, no timers at all. */
  delayMs?: number;
  /** Steps before `message_start`, for example `{ delayMs }` for time to first token or `{ until }` to hold. Default: none. */
  leadingSteps?: StreamStep[];
}

/** Options of {@link toolUseStream}. */
export interface ToolUseStreamOptions {
  /** A text block streamed before the tool call. Default: none. */
  text?: string;
  /** Default: `claude-haiku-4-5`. */
  model?: string;
  /** The `tool_use` block id. Default: a random `toolu_…`. */
  id?: string;
}

const defaultModel = 'claude-haiku-4-5';
const defaultInputTokens = 25;

function randomId(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2)}`;
}

/** A non-streaming Messages API response whose content is one `tool_use` block. */
export function toolUseReply(name: string, input: unknown, model = defaultModel): FakeReply {
  return {
    json: {
      id: randomId('msg'),
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'tool_use', id: randomId('toolu'), name, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 120, output_tokens: 40 },
    },
  };
}

/** An API error as Anthropic sends it (`overloaded_error` for 529, `rate_limit_error` for 429 ...). */
export function errorReply(status: number, type: string, message: string, headers: Record<string, string> = {}): FakeReply {
  return { status, headers, json: { type: 'error', error: { type, message } } };
}

/** Splits text into word-ish tokens that keep their leading spaces, so joining them gives the text back. */
function splitTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function event(data: { type: string } & Record<string, unknown>): StreamStep {
  return { event: data.type, data };
}

function messageStart(model: string, inputTokens: number): StreamStep {
  const message = { id: randomId('msg'), type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null };
  return event({ type: 'message_start', message: { ...message, usage: { input_tokens: inputTokens, output_tokens: 1 } } });
}

function textDelta(index: number, text: string): StreamStep {
  return event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
}

function textBlock(index: number, tokens: string[], delayMs = 0): StreamStep[] {
  const pause: StreamStep[] = delayMs > 0 ? [{ delayMs }] : [];
  return [
    event({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }),
    ...tokens.flatMap((text) => [...pause, textDelta(index, text)]),
    event({ type: 'content_block_stop', index }),
  ];
}

function messageEnd(stopReason: string, outputTokens: number): StreamStep[] {
  return [
    event({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } }),
    event({ type: 'message_stop' }),
  ];
}

const ping = event({ type: 'ping' });

/**
 * A complete streamed text answer: `message_start`, `ping`, one text block whose deltas are `tokens`
 * (a string is split into word-ish tokens keeping spaces), `message_delta` (stop_reason `end_turn`, usage), `message_stop`.
 */
export function textStream(tokens: string | string[], options: TextStreamOptions = {}): FakeReply {
  const pieces = typeof tokens === 'string' ? splitTokens(tokens) : tokens;
  return {
    stream: [
      ...(options.leadingSteps ?? []),
      messageStart(options.model ?? defaultModel, options.inputTokens ?? defaultInputTokens),
      ping,
      ...textBlock(0, pieces, options.delayMs),
      ...messageEnd('end_turn', options.outputTokens ?? pieces.length),
    ],
  };
}

/** A streamed tool call: an optional leading text block, then a `tool_use` block whose input JSON arrives in several `input_json_delta` pieces; stop_reason `tool_use`. */
export function toolUseStream(name: string, input: unknown, options: ToolUseStreamOptions = {}): FakeReply {
  const text = options.text === undefined ? [] : splitTokens(options.text);
  const index = text.length > 0 ? 1 : 0;
  const json = JSON.stringify(input);
  const size = Math.max(1, Math.ceil(json.length / 4));
  const pieces = Array.from({ length: Math.ceil(json.length / size) }, (_, at) => json.slice(at * size, (at + 1) * size));
  return {
    stream: [
      messageStart(options.model ?? defaultModel, defaultInputTokens),
      ping,
      ...(text.length > 0 ? textBlock(0, text) : []),
      event({
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: options.id ?? randomId('toolu'), name, input: {} },
      }),
      ...pieces.map((partial_json) => event({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } })),
      event({ type: 'content_block_stop', index }),
      ...messageEnd('tool_use', text.length + pieces.length),
    ],
  };
}

/** Streams `tokens` of text and then a mid-stream `error` event (default `overloaded_error`), with no `message_stop`. */
export function streamThenError(tokens: string[], error = { type: 'overloaded_error', message: 'Overloaded' }): FakeReply {
  return {
    stream: [
      messageStart(defaultModel, defaultInputTokens),
      ping,
      event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ...tokens.map((text) => textDelta(0, text)),
      event({ type: 'error', error }),
    ],
  };
}

function sseFrame(step: { event: string; data: unknown }): string {
  return `event: ${step.event}\ndata: ${typeof step.data === 'string' ? step.data : JSON.stringify(step.data)}\n\n`;
}

/** Resolves after a delay or when a hold settles, and early when the response closes; leaves no timer behind. */
function pause(res: ServerResponse, step: { delayMs: number } | { until: Promise<void> }): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    res.once('close', done);
    if ('delayMs' in step) timer = setTimeout(done, step.delayMs);
    else step.until.then(done, done);
  });
}

/**
 * Writes the steps, every run of consecutive events in one `write`, so a fast stream costs a few
 * writes, not one per token. Resolves `cut` when a `destroy` step is reached and what came before it is flushed.
 */
async function writeSteps(res: ServerResponse, steps: StreamStep[]): Promise<'ended' | 'cut' | 'closed'> {
  let batch = '';
  for (const step of steps) {
    if (res.destroyed) return 'closed';
    if ('event' in step) {
      batch += sseFrame(step);
    } else if ('destroy' in step) {
      await new Promise((flushed) => res.write(batch, flushed));
      return 'cut';
    } else {
      if (batch) res.write(batch);
      batch = '';
      await pause(res, step);
    }
  }
  if (res.destroyed) return 'closed';
  res.end(batch);
  return 'ended';
}

/** Starts the fake on a free port; `script` decides every reply, in order of arrival. */
export async function startFakeAnthropic(script: (request: FakeRequest, index: number) => FakeReply): Promise<FakeAnthropic> {
  const requests: FakeRequest[] = [];
  let aborted = 0;
  let stopping = false;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req, 10 * 1024 * 1024);
    const request: FakeRequest = { body: JSON.parse(raw || '{}') as Record<string, unknown>, headers: req.headers };
    requests.push(request);
    const requestId = `req_${requests.length}`;
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      res.writeHead(404, { 'content-type': 'application/json', 'request-id': requestId });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
      return;
    }
    const reply = script(request, requests.length - 1);
    if (!reply.stream) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': requestId, ...reply.headers });
      res.end(JSON.stringify(reply.json));
      return;
    }
    let cutOnPurpose = false;
    res.on('close', () => {
      if (!res.writableFinished && !cutOnPurpose && !stopping) aborted += 1;
    });
    res.writeHead(reply.status ?? 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': requestId,
      ...reply.headers,
    });
    // The API sends headers before the first event; the SDK's `connect` waits for them.
    res.flushHeaders();
    if ((await writeSteps(res, reply.stream)) === 'cut') {
      cutOnPurpose = true;
      res.destroy();
    }
  };

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      // A broken script or request body reaches the test as an API error that names it, never silence.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `fake-anthropic: ${String(error)}` } }));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    get aborted() {
      return aborted;
    },
    stop: () => {
      stopping = true;
      const closed = closeServer(server);
      server.closeAllConnections();
      return closed;
    },
  };
}
