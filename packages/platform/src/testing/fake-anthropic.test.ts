import Anthropic, { AnthropicError, APIError, APIUserAbortError, OverloadedError } from '@anthropic-ai/sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  errorReply,
  startFakeAnthropic,
  streamThenError,
  textStream,
  toolUseStream,
  type FakeAnthropic,
  type FakeReply,
  type FakeRequest,
  type StreamStep,
} from './fake-anthropic';

const params = { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hello' }] };

let fake: FakeAnthropic | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

/** A fresh fake per test and the real SDK pointed at it. */
async function start(script: (request: FakeRequest, index: number) => FakeReply): Promise<{ fake: FakeAnthropic; client: Anthropic }> {
  fake = await startFakeAnthropic(script);
  return { fake, client: new Anthropic({ apiKey: 'test', baseURL: fake.baseUrl, maxRetries: 2 }) };
}

/** A promise a test settles by hand, for `{ until }` steps. */
function gate(): { held: Promise<void>; release: () => void } {
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}

/** Inserts `step` into a scripted stream right after its first text delta. */
function afterFirstDelta(reply: FakeReply, step: StreamStep): FakeReply {
  const steps = [...(reply.stream ?? [])];
  const at = steps.findIndex((candidate) => 'event' in candidate && candidate.event === 'content_block_delta');
  steps.splice(at + 1, 0, step);
  return { ...reply, stream: steps };
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

describe('fake Anthropic streaming, through the real SDK', () => {
  it('streams the text deltas in order, and the final message has the text, usage and stop reason', async () => {
    const { fake, client } = await start(() =>
      textStream('Selamat pagi, how can I help?', { inputTokens: 31, model: 'claude-sonnet-4-5' }),
    );
    const stream = client.messages.stream(params);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));

    const message = await stream.finalMessage();

    expect(deltas).toEqual(['Selamat', ' pagi,', ' how', ' can', ' I', ' help?']);
    expect(message.content).toEqual([{ type: 'text', text: 'Selamat pagi, how can I help?' }]);
    expect(message.usage).toMatchObject({ input_tokens: 31, output_tokens: 6 });
    expect(message).toMatchObject({ role: 'assistant', model: 'claude-sonnet-4-5', stop_reason: 'end_turn', stop_sequence: null });
    expect(stream.request_id).toBe('req_1');
    expect(fake.requests[0]?.body).toMatchObject({ stream: true, model: 'claude-haiku-4-5' });
    expect(fake.aborted).toBe(0);
  });

  it('writes the documented SSE wire format with event-stream headers', async () => {
    const { fake } = await start(() => textStream(['Hi']));
    const response = await fetch(`${fake.baseUrl}/v1/messages`, { method: 'POST', body: JSON.stringify({ ...params, stream: true }) });
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toBe('req_1');
    const frames = body.split('\n\n').filter(Boolean);
    expect(frames.map((frame) => frame.split('\n')[0])).toEqual([
      'event: message_start',
      'event: ping',
      'event: content_block_start',
      'event: content_block_delta',
      'event: content_block_stop',
      'event: message_delta',
      'event: message_stop',
    ]);
    const data = frames.map((frame) => JSON.parse(frame.split('\n')[1]?.replace(/^data: /, '') ?? '') as Record<string, unknown>);
    expect(data.map((event) => event.type)).toEqual(frames.map((frame) => frame.split('\n')[0]?.replace('event: ', '')));
    expect(data[0]).toMatchObject({
      message: { type: 'message', role: 'assistant', content: [], stop_reason: null, usage: { input_tokens: 25, output_tokens: 1 } },
    });
    expect(data[2]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    expect(data[3]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } });
    expect(data[5]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 1 },
    });
  });

  it('sends the headers at once, so a stream held before its first event is already connected', async () => {
    const { held, release } = gate();
    const { client } = await start(() => textStream('Later on', { leadingSteps: [{ until: held }] }));
    const stream = client.messages.stream(params);

    const { request_id } = await stream.withResponse();

    expect(request_id).toBe('req_1');
    expect(stream.currentMessage).toBeUndefined();
    release();
    expect(await stream.finalText()).toBe('Later on');
  });

  it('paces the deltas by delayMs', async () => {
    const { client } = await start(() => textStream(['a', 'b', 'c', 'd'], { delayMs: 15 }));
    const startedAt = Date.now();
    expect(await client.messages.stream(params).finalText()).toBe('abcd');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(55);
  });

  it('streams a tool call whose input arrives in pieces and is parsed on the final message', async () => {
    const input = { facts: [{ kind: 'NATIONALITY', slot: 'nationality', content: 'Nationality: Portuguese' }] };
    const { client } = await start(() => toolUseStream('record_facts', input, { text: 'Noting that.', id: 'toolu_1' }));
    const stream = client.messages.stream(params);
    const pieces: string[] = [];
    stream.on('inputJson', (partial) => pieces.push(partial));

    const message = await stream.finalMessage();

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Noting that.' },
      { type: 'tool_use', id: 'toolu_1', name: 'record_facts', input },
    ]);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(JSON.stringify(input));
  });

  it('is retried by the SDK after a 529, waiting the retry-after-ms the fake sent', async () => {
    const arrivals: number[] = [];
    const { fake, client } = await start((_request, index) => {
      arrivals.push(Date.now());
      return index === 0 ? errorReply(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '20' }) : textStream('Back again');
    });

    expect(await client.messages.stream(params).finalText()).toBe('Back again');

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
    const waited = (arrivals[1] ?? 0) - (arrivals[0] ?? 0);
    expect(waited).toBeGreaterThanOrEqual(19);
    // Without the header the SDK's first backoff is 375-500 ms.
    expect(waited).toBeLessThan(300);
  });

  it('is retried by the SDK after a 429, waiting the retry-after seconds', async () => {
    const arrivals: number[] = [];
    const { fake, client } = await start((_request, index) => {
      arrivals.push(Date.now());
      return index === 0 ? errorReply(429, 'rate_limit_error', 'Slow down', { 'retry-after': '0.06' }) : textStream('Ok');
    });

    expect(await client.messages.stream(params).finalText()).toBe('Ok');

    expect(fake.requests).toHaveLength(2);
    const waited = (arrivals[1] ?? 0) - (arrivals[0] ?? 0);
    expect(waited).toBeGreaterThanOrEqual(59);
    expect(waited).toBeLessThan(300);
  });

  it('gives up after maxRetries and throws the overloaded error', async () => {
    const { fake, client } = await start(() => errorReply(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '1' }));

    const error = await client.messages
      .stream(params)
      .finalMessage()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OverloadedError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error', requestID: 'req_3' });
    expect(fake.requests).toHaveLength(3);
  });

  it('makes the SDK throw a mid-stream error event as an APIError with its type, after the text before it', async () => {
    const { fake, client } = await start(() => streamThenError(['Your visa', ' runs until']));
    const stream = client.messages.stream(params);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));

    const error = await stream.finalMessage().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: undefined, type: 'overloaded_error', apiMessage: 'Overloaded', requestID: 'req_1' });
    expect(deltas).toEqual(['Your visa', ' runs until']);
    // A stream that failed after it started is not retried.
    expect(fake.requests).toHaveLength(1);
  });

  it('counts a stream the client aborts mid-stream', async () => {
    const { held, release } = gate();
    const { fake, client } = await start(() => afterFirstDelta(textStream(['First', ' never']), { until: held }));
    const controller = new AbortController();
    const stream = client.messages.stream(params, { signal: controller.signal });
    const firstDelta = new Promise<string>((resolve) => stream.once('text', resolve));

    expect(await firstDelta).toBe('First');
    expect(fake.aborted).toBe(0);
    controller.abort();

    await expect(stream.finalMessage()).rejects.toBeInstanceOf(APIUserAbortError);
    await eventually(() => fake.aborted === 1, 'the fake sees the stream closed');
    release();
    await sleep(20);
    expect(fake.aborted).toBe(1);
  });

  it('cuts the connection on a destroy step, which the SDK reports as a failed stream, not an abort', async () => {
    const { fake, client } = await start(() => afterFirstDelta(textStream(['Half', ' lost']), { destroy: true }));
    const stream = client.messages.stream(params);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));

    const error = await stream.finalMessage().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AnthropicError);
    expect(error).not.toBeInstanceOf(APIUserAbortError);
    expect(deltas).toEqual(['Half']);
    expect(fake.requests).toHaveLength(1);
    expect(fake.aborted).toBe(0);
  });

  it('stop() ends a held stream and closes the server promptly', async () => {
    const { held } = gate();
    const { fake, client } = await start(() => afterFirstDelta(textStream(['Held', ' forever']), { until: held }));
    const stream = client.messages.stream(params);
    const failed = stream.finalMessage().catch((caught: unknown) => caught);
    await new Promise((resolve) => stream.once('text', resolve));

    const stoppingAt = Date.now();
    await fake.stop();

    expect(Date.now() - stoppingAt).toBeLessThan(1_000);
    expect(await failed).toBeInstanceOf(AnthropicError);
    expect(fake.aborted).toBe(0);
  });
});
