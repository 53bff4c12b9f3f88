import {
  errorReply,
  startFakeAnthropic,
  streamThenError,
  textStream,
  toolUseStream,
  type FakeAnthropic,
  type FakeReply,
  type FakeRequest,
} from '@nusa/platform/testing';
import { collect, startChatPlatform, type ChatPlatform } from './platform';

interface StreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  error: string | null;
  status: string;
}

interface StoredMessage {
  role: string;
  content: string;
  status: string;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  offline: boolean;
  error: string | null;
}

const STREAM = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta done error status } }';

let fake: FakeAnthropic;
let platform: ChatPlatform;
let script: (request: FakeRequest, index: number) => FakeReply = () => textStream('Hello');

beforeAll(async () => {
  fake = await startFakeAnthropic((request, index) => script(request, index));
  platform = await startChatPlatform('chat_claude', { anthropicBaseUrl: fake.baseUrl });
}, 120_000);

afterAll(async () => {
  await platform.stop();
  await fake.stop();
});

/** Sends a question in a new (or given) conversation, follows the answer's stream to its end, and returns both. */
async function ask(question: string, conversationId?: string) {
  const conversation = conversationId ?? (await platform.conversation());
  const sent = await platform.query<{ sendMessage: { offline: boolean; assistantMessage: { id: string } } }>(
    'mutation($input: SendMessageInput!) { sendMessage(input: $input) { offline assistantMessage { id } } }',
    { input: { conversationId: conversation, content: question } },
  );
  expect(sent.errors).toBeUndefined();
  const id = sent.data?.sendMessage.assistantMessage.id as string;
  const stream = collect<StreamEvent>(platform.ws(), STREAM, { id });
  await stream.done;
  expect(stream.errors).toEqual([]);
  const messages = await platform.query<{ conversation: { messages: { edges: { node: StoredMessage }[] } } }>(
    `query($id: ID!) { conversation(id: $id) { messages(first: 20) {
      edges { node { role content status model inputTokens outputTokens latencyMs offline error } } } } }`,
    { id: conversation },
  );
  const stored = messages.data?.conversation.messages.edges.map((edge) => edge.node) ?? [];
  return { id, conversation, events: stream.events, stored, offline: sent.data?.sendMessage.offline };
}

function expectGapless(events: StreamEvent[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  expect(events.filter((event) => event.done)).toHaveLength(1);
  expect(events[events.length - 1]?.done).toBe(true);
}

describe('answers from Claude through the real SDK and a fake Anthropic server', () => {
  it("streams the model's deltas in order and records usage, model and latency on the message", async () => {
    const tokens = ['An ', 'E33G ', 'KITAS ', 'needs ', 'USD ', '60,000 ', 'a ', 'year.'];
    script = () => textStream(tokens, { inputTokens: 321, outputTokens: 8 });
    const before = fake.requests.length;
    const answer = await ask('What income does an E33G need?');
    expect(answer.offline).toBe(false);
    expectGapless(answer.events);
    expect(answer.events.slice(0, -1).map((event) => event.delta)).toEqual(tokens);
    const assistant = answer.stored.find((message) => message.role === 'ASSISTANT');
    expect(assistant).toMatchObject({
      status: 'COMPLETE',
      content: tokens.join(''),
      model: 'claude-haiku-4-5',
      inputTokens: 321,
      outputTokens: 8,
      offline: false,
    });
    expect(assistant?.latencyMs).toEqual(expect.any(Number));
    const request = fake.requests[before]?.body as {
      stream: boolean;
      system: string;
      tools: { name: string }[];
      messages: { role: string; content: unknown }[];
    };
    expect(request.stream).toBe(true);
    expect(request.system).toContain('Bali');
    expect(request.tools.map((tool) => tool.name).sort()).toEqual(['lookup_client', 'quote_price', 'search_knowledge']);
    expect(request.messages[request.messages.length - 1]).toEqual({ role: 'user', content: 'What income does an E33G need?' });
  });

  it('sends the earlier turns of the conversation with the next question', async () => {
    script = () => textStream('First answer.');
    const first = await ask('First question?');
    script = () => textStream('Second answer.');
    const before = fake.requests.length;
    await ask('Second question?', first.conversation);
    const request = fake.requests[before]?.body as { messages: { role: string; content: unknown }[] };
    expect(request.messages).toEqual([
      { role: 'user', content: 'First question?' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second question?' },
    ]);
  });

  it('runs a tool call against the CRM price list, stores it, and answers with its result', async () => {
    script = (_request, index) =>
      index % 2 === 0
        ? toolUseStream('quote_price', { service: 'KITAS' }, { text: 'Let me check the price list. ' })
        : textStream(['The ', 'price ', 'is ', 'listed.']);
    const before = fake.requests.length;
    script = (
      (base) => (request: FakeRequest, index: number) =>
        base(request, index - before)
    )(script);
    const answer = await ask('How much is a KITAS?');
    expectGapless(answer.events);
    const content = answer.events.map((event) => event.delta).join('');
    expect(content).toBe('Let me check the price list. The price is listed.');
    const followUp = fake.requests[before + 1]?.body as {
      messages: { role: string; content: { type: string; content?: string; tool_use_id?: string }[] }[];
    };
    const toolResult = followUp.messages[followUp.messages.length - 1]?.content[0];
    expect(toolResult?.type).toBe('tool_result');
    expect(toolResult?.content).toContain('priceIdr');
    const tool = answer.stored.find((message) => message.role === 'TOOL');
    expect(tool?.content).toContain('quote_price');
    expect(tool?.content).toContain('priceIdr');
    expect(answer.stored.find((message) => message.role === 'ASSISTANT')).toMatchObject({ status: 'COMPLETE', content });
  });

  it('retries a 529 as the SDK does, honouring retry-after', async () => {
    const before = fake.requests.length;
    script = (_request, index) =>
      index === before ? errorReply(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '20' }) : textStream('After a retry.');
    const answer = await ask('Are you there?');
    expect(fake.requests.length - before).toBe(2);
    expect(answer.stored.find((message) => message.role === 'ASSISTANT')).toMatchObject({ status: 'COMPLETE', content: 'After a retry.' });
  });

  it('fails the answer, not the question, when the model stays overloaded: FAILED with the reason and an error event', async () => {
    script = () => errorReply(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '10' });
    const answer = await ask('Will this fail?');
    expectGapless(answer.events);
    const last = answer.events[answer.events.length - 1];
    expect(last?.status).toBe('FAILED');
    expect(last?.error).toContain('529');
    expect(answer.stored.find((message) => message.role === 'USER')).toMatchObject({ content: 'Will this fail?', status: 'COMPLETE' });
    const assistant = answer.stored.find((message) => message.role === 'ASSISTANT');
    expect(assistant?.status).toBe('FAILED');
    expect(assistant?.error).toContain('overloaded_error');
  });

  it('fails on a mid-stream error event and keeps what was streamed before it', async () => {
    script = () => streamThenError(['Partial ', 'answer'], { type: 'overloaded_error', message: 'Overloaded' });
    const answer = await ask('Will this break half-way?');
    expectGapless(answer.events);
    expect(answer.events[answer.events.length - 1]?.status).toBe('FAILED');
    const assistant = answer.stored.find((message) => message.role === 'ASSISTANT');
    expect(assistant).toMatchObject({ status: 'FAILED', content: 'Partial answer' });
    expect(assistant?.error).toContain('overloaded_error');
  });

  it('cancels: aborts the Anthropic request and marks the message CANCELLED', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    script = () => {
      const reply = textStream(['One ', 'two ', 'three ']);
      const steps = reply.stream ?? [];
      // message_start, ping, content_block_start and the three deltas, then hold.
      return { stream: [...steps.slice(0, 6), { until: held }, ...steps.slice(6)] };
    };
    const abortedBefore = fake.aborted;
    const conversation = await platform.conversation();
    const sent = await platform.query<{ sendMessage: { assistantMessage: { id: string } } }>(
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { assistantMessage { id } } }',
      { input: { conversationId: conversation, content: 'Count slowly' } },
    );
    const id = sent.data?.sendMessage.assistantMessage.id;
    const stream = collect<StreamEvent>(platform.ws(), STREAM, { id });
    while (stream.events.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = await platform.query<{ cancelGeneration: boolean }>('mutation($id: ID!) { cancelGeneration(messageId: $id) }', {
      id,
    });
    expect(cancelled.data?.cancelGeneration).toBe(true);
    await stream.done;
    release();
    expectGapless(stream.events);
    expect(stream.events[stream.events.length - 1]?.status).toBe('CANCELLED');
    expect(stream.events.map((event) => event.delta).join('')).toBe('One two three ');
    const deadline = Date.now() + 5000;
    while (fake.aborted === abortedBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.aborted).toBe(abortedBefore + 1);
  });
});
