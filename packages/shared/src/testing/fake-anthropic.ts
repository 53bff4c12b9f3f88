import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeServer, listen, readBody } from '../http-server.js';

/** What the fake answers to one request: a JSON body with a status, like the Messages API. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  json: unknown;
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
  stop: () => Promise<void>;
}

/** A non-streaming Messages API response whose content is one `tool_use` block. */
export function toolUseReply(name: string, input: unknown, model = 'claude-haiku-4-5'): FakeReply {
  return {
    json: {
      id: `msg_${Math.random().toString(36).slice(2)}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'tool_use', id: `toolu_${Math.random().toString(36).slice(2)}`, name, input }],
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

/** Starts the fake on a free port; `script` decides every reply, in order of arrival. */
export async function startFakeAnthropic(script: (request: FakeRequest, index: number) => FakeReply): Promise<FakeAnthropic> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req, 10 * 1024 * 1024).then((raw) => {
      const request: FakeRequest = { body: JSON.parse(raw || '{}') as Record<string, unknown>, headers: req.headers };
      requests.push(request);
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
        return;
      }
      const reply = script(request, requests.length - 1);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': `req_${requests.length}`, ...reply.headers });
      res.end(JSON.stringify(reply.json));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { baseUrl: `http://127.0.0.1:${port}`, requests, stop: () => closeServer(server) };
}
