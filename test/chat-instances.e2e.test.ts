import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitUntilHealthy } from '@nusa/platform';
import {
  freePort,
  startFakeAnthropic,
  textStream,
  type FakeAnthropic,
  type FakeReply,
  TEST_SECRETS,
  testRedisUrl,
} from '@nusa/platform/testing';
import type { GatewayHarness } from '../gateway/src/testing';
import { collect, startChatPlatform, type ChatPlatform } from './platform';
import { type ChatInstance } from '../subgraphs/chat/src/testing';

const root = join(__dirname, '..');

interface StreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  error: string | null;
  status: string;
}

const STREAM = 'subscription($id: ID!, $after: Int) { messageStream(messageId: $id, afterSeq: $after) { seq delta done error status } }';
const TOKENS = Array.from({ length: 60 }, (_, index) => `t${index} `);

let fake: FakeAnthropic;
let platform: ChatPlatform;
let chatB: ChatInstance;
let gatewayB: GatewayHarness;
let reply: () => FakeReply = () => textStream(TOKENS, { delayMs: 10 });

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root });
  fake = await startFakeAnthropic(() => reply());
  const options = { redis: true, anthropicBaseUrl: fake.baseUrl, leaseMs: 1000, sweepIntervalMs: 200 };
  platform = await startChatPlatform('chat_instances', options);
  chatB = await platform.addChat(options);
  gatewayB = await platform.addGateway(chatB);
}, 180_000);

afterAll(async () => {
  await platform.stop();
  await fake.stop();
});

async function send(gateway: GatewayHarness, content: string): Promise<string> {
  const conversationId = await platform.conversation();
  const sent = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.token}` },
    body: JSON.stringify({
      query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { assistantMessage { id } } }',
      variables: { input: { conversationId, content } },
    }),
  });
  const body = (await sent.json()) as { data?: { sendMessage: { assistantMessage: { id: string } } } };
  const id = body.data?.sendMessage.assistantMessage.id;
  if (!id) throw new Error(`sendMessage failed: ${JSON.stringify(body)}`);
  return id;
}

async function storedAnswer(id: string): Promise<{ status: string; content: string; error: string | null }> {
  const response = await platform.memory.internal<{ message: { status: string; content: string; error: string | null } }>(
    '/internal/messages/get',
    {
      messageId: id,
    },
  );
  return response.body.message;
}

function expectWhole(events: StreamEvent[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  expect(events[events.length - 1]?.done).toBe(true);
}

describe('several chat instances and gateways on one Redis', () => {
  it('delivers on gateway B the tokens of a generation running on chat instance A', async () => {
    reply = () => textStream(TOKENS, { delayMs: 10 });
    const id = await send(platform.gateway, 'Generate on A');
    expect(platform.chat.server.generator.running).toBe(1);
    expect(chatB.server.generator.running).toBe(0);
    const onB = collect<StreamEvent>(platform.ws({ gateway: gatewayB }), STREAM, { id });
    await onB.done;
    expect(onB.errors).toEqual([]);
    expectWhole(onB.events);
    expect(onB.events.slice(0, -1).map((event) => event.delta)).toEqual(TOKENS);
    expect((await storedAnswer(id)).content).toBe(TOKENS.join(''));
  });

  it('resumes on the other gateway with afterSeq after a dropped connection, without losing a token', async () => {
    reply = () => textStream(TOKENS, { delayMs: 10 });
    const id = await send(platform.gateway, 'Resume elsewhere');
    const first = platform.ws();
    const before = collect<StreamEvent>(first, STREAM, { id });
    while (before.events.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.dispose();
    const kept = [...before.events];
    const lastSeen = kept[kept.length - 1]?.seq ?? 0;
    const after = collect<StreamEvent>(platform.ws({ gateway: gatewayB }), STREAM, { id, after: lastSeen });
    await after.done;
    const all = [...kept, ...after.events];
    expectWhole(all);
    expect(all.map((event) => event.delta).join('')).toBe(`${TOKENS.join('')}`);
    expect(after.events[0]?.seq).toBe(lastSeen + 1);
  });

  it('fails the answer of a chat instance killed mid-answer (another instance settles it), never STREAMING forever', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    reply = () => {
      const steps = textStream(TOKENS).stream ?? [];
      return { stream: [...steps.slice(0, 8), { until: held }, ...steps.slice(8)] };
    };
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [join(root, 'subgraphs/chat/dist/index.js')], {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        CHAT_PORT: String(port),
        REDIS_URL: testRedisUrl,
        CRM_URL: platform.urls.crm,
        MEMORY_URL: platform.urls.memory,
        KNOWLEDGE_URL: platform.urls.knowledge,
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: fake.baseUrl,
        GENERATION_LEASE_MS: '1000',
        INTERNAL_SECRET: TEST_SECRETS.internalSecret,
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitUntilHealthy(`http://127.0.0.1:${port}/health`, exited, 60_000, 100);
      const gatewayC = await platform.addGateway({ url });
      const id = await send(gatewayC, 'Crash while answering');
      const watching = collect<StreamEvent>(platform.ws({ gateway: gatewayC }), STREAM, { id });
      while (watching.events.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
      child.kill('SIGKILL');
      await watching.done;
      expect(JSON.stringify(watching.errors)).toContain('SUBGRAPH_UNAVAILABLE');
      const lastSeen = watching.events[watching.events.length - 1]?.seq ?? 0;
      const resumed = collect<StreamEvent>(platform.ws({ gateway: gatewayB }), STREAM, { id, after: lastSeen });
      await resumed.done;
      const all = [...watching.events, ...resumed.events];
      expectWhole(all);
      expect(all[all.length - 1]?.status).toBe('FAILED');
      const stored = await storedAnswer(id);
      expect(stored.status).toBe('FAILED');
      expect(stored.content).toBe(all.map((event) => event.delta).join(''));
      expect(stored.error).toContain('stopped');
    } finally {
      release();
      child.kill('SIGKILL');
    }
  }, 60_000);
});
