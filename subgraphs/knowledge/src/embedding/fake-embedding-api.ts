import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalEmbedder } from './local-embedder.js';

/** A request the fake received. */
export interface EmbeddingRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; input?: string[]; input_type?: string; dimensions?: number; output_dimension?: number };
}

/** A local stand-in for OpenAI's or Voyage AI's `POST /embeddings`, for tests (there is no internet here). */
export interface FakeEmbeddingApi {
  /** The base URL, like `https://api.openai.com/v1`. */
  url: string;
  requests: EmbeddingRequest[];
  /** The next `times` requests fail with `status` (and its headers), as a provider under load would. */
  failNext: (status: number, times: number, headers?: Record<string, string>) => void;
  stop: () => Promise<void>;
}

/**
 * Speaks either provider's wire format. Vectors come from the local hashed n-gram embedder at the
 * given dimension, so they are deterministic and similar texts get similar vectors; the response
 * lists them out of order, as nothing in either API promises order beyond `index`.
 */
export async function startFakeEmbeddingApi(options: {
  format: 'openai' | 'voyage';
  apiKey: string;
  dimension: number;
}): Promise<FakeEmbeddingApi> {
  const embedder = new LocalEmbedder(options.dimension);
  const requests: EmbeddingRequest[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as EmbeddingRequest['body'];
      requests.push({ path: request.url ?? '', headers: request.headers, body });
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      const failure = failures.shift();
      if (failure) return reply(failure.status, { error: { message: `fake failure ${failure.status}` } }, failure.headers);
      if (request.url !== '/v1/embeddings' || request.method !== 'POST') return reply(404, { error: { message: 'not found' } });
      if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return options.format === 'openai'
          ? reply(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } })
          : reply(401, { detail: 'Provided API key is invalid.' });
      }
      const input = body.input ?? [];
      const asked = options.format === 'openai' ? body.dimensions : body.output_dimension;
      const dimension = asked ?? options.dimension;
      void (dimension === options.dimension ? embedder : new LocalEmbedder(dimension)).embed(input).then((vectors) => {
        const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse();
        reply(200, { object: 'list', data, model: body.model, usage: { total_tokens: input.join(' ').split(/\s+/).length } });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (status, times, headers = {}) => {
      for (let i = 0; i < times; i += 1) failures.push({ status, headers });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
