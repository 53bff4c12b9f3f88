import { ConfigError } from '@nusa/platform';
import { embeddingConfig } from './embedding-config';
import { startFakeEmbeddingApi, type FakeEmbeddingApi } from './fake-embedding-api';
import { EmbeddingError, HostedEmbedder } from './hosted-embedder';
import { LocalEmbedder } from './local-embedder';

const KEY = 'sk-test-key';

describe('the OpenAI embedder', () => {
  let api: FakeEmbeddingApi;
  beforeEach(async () => {
    api = await startFakeEmbeddingApi({ format: 'openai', apiKey: KEY, dimension: 64 });
  });
  afterEach(() => api.stop());

  const embedder = (options: Partial<ConstructorParameters<typeof HostedEmbedder>[0]> = {}) =>
    new HostedEmbedder({ provider: 'openai', model: 'text-embedding-3-small', dimension: 64, apiKey: KEY, baseUrl: api.url, ...options });

  it('sends the key, model and texts in batches, and returns the vectors in input order', async () => {
    const texts = ['KITAS for investors', 'Nyepi closes the airport', 'VAT registration as PKP'];
    const vectors = await embedder({ batchSize: 2 }).embed(texts);
    expect(vectors).toEqual(await new LocalEmbedder(64).embed(texts));
    expect(api.requests.map((request) => request.body.input)).toEqual([texts.slice(0, 2), texts.slice(2)]);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(api.requests[0]?.body).toMatchObject({ model: 'text-embedding-3-small' });
    expect(api.requests[0]?.body.dimensions).toBeUndefined();
  });

  it('asks for a shorter vector only when a dimension is configured', async () => {
    const [vector] = await embedder({ dimension: 32, requestDimension: true }).embed(['x']);
    expect(vector).toHaveLength(32);
    expect(api.requests[0]?.body.dimensions).toBe(32);
  });

  it('names itself after provider, model and dimension, so that another model never shares an index', () => {
    expect(embedder().name).toBe('openai:text-embedding-3-small:64');
  });

  it('retries a rate-limited request after the Retry-After the provider sends', async () => {
    api.failNext(429, 2, { 'retry-after': '0.05' });
    const [vector] = await embedder({ retryDelayMs: 10_000 }).embed(['retried']);
    expect(vector).toHaveLength(64);
    expect(api.requests).toHaveLength(3);
  });

  it('gives up after its attempts on server errors, with the status', async () => {
    api.failNext(503, 5);
    await expect(embedder({ attempts: 2, retryDelayMs: 1 }).embed(['x'])).rejects.toThrow(/HTTP 503/);
    expect(api.requests).toHaveLength(2);
  });

  it('fails at once on a rejected key, saying which setting to check', async () => {
    const attempt = embedder({ apiKey: 'wrong' }).embed(['x']);
    await expect(attempt).rejects.toBeInstanceOf(EmbeddingError);
    await expect(attempt).rejects.toThrow('openai embeddings failed with HTTP 401 (check OPENAI_API_KEY): Incorrect API key provided');
    expect(api.requests).toHaveLength(1);
  });

  it('refuses vectors of another length than configured', async () => {
    await expect(embedder({ dimension: 128 }).embed(['x'])).rejects.toThrow(/64-dimension vector; expected 128: set EMBEDDING_DIMENSION/);
  });

  it('says where it could not reach the provider', async () => {
    await api.stop();
    const unreachable = embedder({ attempts: 1 });
    await expect(unreachable.embed(['x'])).rejects.toThrow(`openai embeddings could not be reached at ${api.url}`);
    api = await startFakeEmbeddingApi({ format: 'openai', apiKey: KEY, dimension: 64 });
  });
});

describe('the Voyage embedder', () => {
  let api: FakeEmbeddingApi;
  beforeAll(async () => {
    api = await startFakeEmbeddingApi({ format: 'voyage', apiKey: KEY, dimension: 48 });
  });
  afterAll(() => api.stop());

  it('tells the provider whether it embeds documents or a query, and asks for the configured dimension', async () => {
    const embedder = new HostedEmbedder({
      provider: 'voyage',
      model: 'voyage-3.5',
      dimension: 48,
      requestDimension: true,
      apiKey: KEY,
      baseUrl: api.url,
    });
    await embedder.embed(['a passage'], 'document');
    await embedder.embed(['a question?'], 'query');
    expect(api.requests.map((request) => request.body)).toMatchObject([
      { model: 'voyage-3.5', input: ['a passage'], input_type: 'document', output_dimension: 48 },
      { input: ['a question?'], input_type: 'query' },
    ]);
  });

  it('passes on the provider reason for a rejected key', async () => {
    const embedder = new HostedEmbedder({ provider: 'voyage', model: 'voyage-3.5', dimension: 48, apiKey: 'nope', baseUrl: api.url });
    await expect(embedder.embed(['x'])).rejects.toThrow('HTTP 401 (check VOYAGE_API_KEY): Provided API key is invalid.');
  });
});

describe('the embedding settings', () => {
  const settings = { EMBEDDING_PROVIDER: 'local' as const };

  it('default to the offline embedder with 1,024 dimensions', () => {
    expect(embeddingConfig(settings)).toEqual({ provider: 'local', dimension: 1024 });
  });

  it('choose a hosted provider only with its key, and say which key is missing', () => {
    expect(() => embeddingConfig({ EMBEDDING_PROVIDER: 'voyage' })).toThrow(
      new ConfigError('EMBEDDING_PROVIDER=voyage needs VOYAGE_API_KEY; unset EMBEDDING_PROVIDER for the offline embedder'),
    );
    expect(embeddingConfig({ EMBEDDING_PROVIDER: 'openai', OPENAI_API_KEY: KEY })).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-small',
      dimension: 1536,
      requestDimension: false,
      apiKey: KEY,
      baseUrl: 'https://api.openai.com/v1',
    });
  });

  it('require the dimension of a model they do not know', () => {
    expect(() => embeddingConfig({ EMBEDDING_PROVIDER: 'openai', OPENAI_API_KEY: KEY, EMBEDDING_MODEL: 'my-model' })).toThrow(
      'EMBEDDING_DIMENSION is required for openai model my-model',
    );
  });
});
