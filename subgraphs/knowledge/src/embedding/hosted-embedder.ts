import type { Embedder, EmbeddingPurpose } from './embedder.js';

/** Options of {@link HostedEmbedder}. */
export interface HostedEmbedderOptions {
  provider: 'openai' | 'voyage';
  model: string;
  /** The length of the model's vectors; a response of another length is refused. */
  dimension: number;
  /** Whether to ask the API for `dimension` (OpenAI `dimensions`, Voyage `output_dimension`). Default: false. */
  requestDimension?: boolean;
  apiKey: string;
  /** The API's base URL, for example `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Texts per request. Default: 96 (well inside both providers' limits for 900-character chunks). */
  batchSize?: number;
  /** Tries per request when the provider is rate limiting or failing (429, 5xx, timeouts). Default: 4. */
  attempts?: number;
  /** How long one request may take. Default: 30 s. */
  timeoutMs?: number;
  /** The first retry's delay, doubled for each next one, unless the provider sends Retry-After. Default: 500 ms. */
  retryDelayMs?: number;
}

/** The provider could not embed; the message says why and, where it can, what to change. */
export class EmbeddingError extends Error {
  override name = 'EmbeddingError';
}

const RETRY_AFTER_CAP_MS = 20_000;

function retryable(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The provider's own explanation: OpenAI sends `{ error: { message } }`, Voyage `{ detail }`. */
async function explanation(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; detail?: string; message?: string };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.detail ?? body.message);
    if (message) return message.slice(0, 300);
  } catch {
    // Not JSON: the text itself is the explanation.
  }
  return text.slice(0, 300) || response.statusText;
}

/**
 * Embeddings from OpenAI or Voyage AI over their HTTP APIs (the same `POST /embeddings` shape:
 * `{ model, input: [...] }` in, `{ data: [{ index, embedding }] }` out). Voyage is told whether it
 * embeds a query or a document, as its models expect. Rate limits and server errors are retried
 * with backoff, honouring Retry-After; a bad key or request fails at once with the provider's reason.
 */
export class HostedEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;

  constructor(private readonly options: HostedEmbedderOptions) {
    this.dimension = options.dimension;
    this.name = `${options.provider}:${options.model}:${options.dimension}`;
  }

  async embed(texts: string[], purpose: EmbeddingPurpose = 'document'): Promise<number[][]> {
    const size = this.options.batchSize ?? 96;
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += size) vectors.push(...(await this.request(texts.slice(i, i + size), purpose)));
    return vectors;
  }

  private body(input: string[], purpose: EmbeddingPurpose): Record<string, unknown> {
    const { provider, model, dimension, requestDimension } = this.options;
    if (provider === 'openai') return { model, input, encoding_format: 'float', ...(requestDimension ? { dimensions: dimension } : {}) };
    return { model, input, input_type: purpose, truncation: true, ...(requestDimension ? { output_dimension: dimension } : {}) };
  }

  private async request(input: string[], purpose: EmbeddingPurpose): Promise<number[][]> {
    const { provider, baseUrl, apiKey } = this.options;
    const attempts = this.options.attempts ?? 4;
    let delay = this.options.retryDelayMs ?? 500;
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/embeddings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify(this.body(input, purpose)),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        if (attempt >= attempts)
          throw new EmbeddingError(`${provider} embeddings could not be reached at ${baseUrl}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
        continue;
      }
      if (response.ok) return this.vectorsOf(await response.json(), input.length);
      const reason = await explanation(response);
      if (!retryable(response.status) || attempt >= attempts) {
        const hint =
          response.status === 401 || response.status === 403
            ? ` (check ${provider === 'openai' ? 'OPENAI_API_KEY' : 'VOYAGE_API_KEY'})`
            : '';
        throw new EmbeddingError(`${provider} embeddings failed with HTTP ${response.status}${hint}: ${reason}`);
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      await new Promise((resolve) =>
        setTimeout(resolve, Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, RETRY_AFTER_CAP_MS) : delay),
      );
      delay *= 2;
    }
  }

  private vectorsOf(body: unknown, expected: number): number[][] {
    const data = (body as { data?: { index?: number; embedding?: unknown }[] } | null)?.data;
    if (!Array.isArray(data) || data.length !== expected) {
      throw new EmbeddingError(
        `${this.options.provider} returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${expected} texts`,
      );
    }
    const vectors = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((item) => item.embedding);
    for (const vector of vectors) {
      if (!Array.isArray(vector) || vector.length !== this.dimension || vector.some((value) => typeof value !== 'number')) {
        throw new EmbeddingError(
          `${this.options.provider} ${this.options.model} returned a ${Array.isArray(vector) ? vector.length : 'non'}-dimension vector; ` +
            `expected ${this.dimension}: set EMBEDDING_DIMENSION to the model's`,
        );
      }
    }
    return vectors as number[][];
  }
}
