import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, freePort, startFakeAnthropic, textStream, type FakeReply } from '@nusa/shared/testing';
import { startProcess, type BenchProcess } from './processes.js';
import { graphqlData, reportTable } from './report.js';

const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 100);
const SUBSCRIBERS_PER_GENERATION = Number(process.env.BENCH_SUBSCRIBERS_PER_GENERATION ?? 10);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 200);
/** Pause between the fake model's tokens; 0: every answer written at once, as fast as it can. */
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 0);
const TTFT_SAMPLES = 30;
const redisUrl = process.env.REDIS_URL;

const STREAM = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta done } }';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const rssMb = (process: BenchProcess) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${process.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Resolves when `check` holds, polling. */
async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main(): Promise<void> {
  // Per generation: when the fake model wrote its tokens (it writes all of them at once, as fast as it can).
  const emittedAt = new Map<string, number>();
  const requestedAt = new Map<string, number>();
  let hold: Promise<void> = Promise.resolve();
  const fake = await startFakeAnthropic((request) => {
    const messages = request.body.messages as { content: string }[];
    const key = String(messages[messages.length - 1]?.content ?? '');
    requestedAt.set(key, performance.now());
    const reply: FakeReply = textStream(
      Array.from({ length: TOKENS }, (_, index) => `${index} `),
      { outputTokens: TOKENS, delayMs: TOKEN_DELAY_MS },
    );
    const steps = reply.stream ?? [];
    const held = hold;
    return {
      stream: [{ until: held.then(() => void emittedAt.set(key, performance.now())) }, ...steps],
    };
  });
  const database = await createTestDatabase('bench_stream');
  const [crmPort, memoryPort, chatPort, gatewayPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const processes: BenchProcess[] = [];
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const clients: Client[] = [];
  try {
    processes.push(
      await startProcess(
        'crm',
        'subgraphs/crm/dist/index.js',
        { DATABASE_URL: database.url, CRM_PORT: String(crmPort) },
        `${url(crmPort)}/health`,
      ),
    );
    processes.push(
      await startProcess(
        'memory',
        'subgraphs/memory/dist/index.js',
        {
          DATABASE_URL: database.url,
          MEMORY_PORT: String(memoryPort),
          CRM_URL: `${url(crmPort)}/graphql`,
          ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        },
        `${url(memoryPort)}/health`,
      ),
    );
    processes.push(
      await startProcess(
        'chat',
        'subgraphs/chat/dist/index.js',
        {
          CHAT_PORT: String(chatPort),
          // The missing knowledge service would log a warning per answer.
          LOG_LEVEL: 'error',
          CRM_URL: `${url(crmPort)}/graphql`,
          MEMORY_URL: `${url(memoryPort)}/graphql`,
          // No knowledge service: grounding finds nothing at once, so the figures are the streaming path's.
          KNOWLEDGE_URL: 'http://127.0.0.1:9/graphql',
          ANTHROPIC_API_KEY: 'bench',
          ANTHROPIC_BASE_URL: fake.baseUrl,
          ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        },
        `${url(chatPort)}/health`,
      ),
    );
    const gatewayProcess = await startProcess(
      'gateway',
      'gateway/dist/index.js',
      {
        PORT: String(gatewayPort),
        CRM_URL: `${url(crmPort)}/graphql`,
        MEMORY_URL: `${url(memoryPort)}/graphql`,
        KNOWLEDGE_URL: 'http://127.0.0.1:9/graphql',
        CHAT_URL: `${url(chatPort)}/graphql`,
      },
      `${url(gatewayPort)}/health`,
    );
    processes.push(gatewayProcess);
    const chatProcess = processes[2] as BenchProcess;
    const gatewayUrl = `${url(gatewayPort)}/graphql`;
    const login = await graphqlData<{ login: { token: string } }>(
      gatewayUrl,
      {},
      'mutation { login(email: "admin@localhost", password: "admin") { token } }',
    );
    const auth = { authorization: `Bearer ${login.login.token}` };
    const someClient = await graphqlData<{ clients: { edges: { node: { id: string } }[] } }>(
      gatewayUrl,
      auth,
      '{ clients(first: 1) { edges { node { id } } } }',
    );
    const clientId = someClient.clients.edges[0]?.node.id;
    const conversation = async () =>
      (
        await graphqlData<{ startConversation: { id: string } }>(
          gatewayUrl,
          auth,
          'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
          { c: clientId },
        )
      ).startConversation.id;
    const send = async (conversationId: string, content: string) =>
      (
        await graphqlData<{ sendMessage: { assistantMessage: { id: string } } }>(
          gatewayUrl,
          auth,
          'mutation($c: ID!, $q: String!) { sendMessage(input: { conversationId: $c, content: $q }) { assistantMessage { id } } }',
          { c: conversationId, q: content },
        )
      ).sendMessage.assistantMessage.id;
    const connect = () => {
      const client = createClient({
        url: gatewayUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: auth,
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    };

    // Phase 1: time to first token, one answer at a time, the model answering at once.
    const ttft: number[] = [];
    const beforeModel: number[] = [];
    const ttftClient = connect();
    const ttftConversation = await conversation();
    for (let sample = 0; sample < TTFT_SAMPLES; sample += 1) {
      const key = `ttft ${sample}`;
      const started = performance.now();
      const id = await send(ttftConversation, key);
      await new Promise<void>((resolve, reject) => {
        let first = true;
        ttftClient.subscribe<{ messageStream: { done: boolean } }>(
          { query: STREAM, variables: { id } },
          {
            next: () => {
              if (first) {
                first = false;
                ttft.push(performance.now() - started);
                beforeModel.push((requestedAt.get(key) ?? started) - started);
              }
            },
            error: reject,
            complete: resolve,
          },
        );
      });
    }

    // Phase 2: fan-out. Every generation's tokens are held until all subscriptions are open.
    let release: () => void = () => undefined;
    hold = new Promise<void>((resolve) => (release = resolve));
    const conversations = await Promise.all(Array.from({ length: GENERATIONS }, () => conversation()));
    const ids = await Promise.all(conversations.map((conversationId, index) => send(conversationId, `fan-out ${index}`)));
    const rssBefore = { gateway: rssMb(gatewayProcess), chat: rssMb(chatProcess) };
    const latencies: number[] = [];
    let delivered = 0;
    let lastArrival = 0;
    let broken = 0;
    let completed = 0;
    let open = 0;
    for (const [index, id] of ids.entries()) {
      for (let subscriber = 0; subscriber < SUBSCRIBERS_PER_GENERATION; subscriber += 1) {
        const client = connect();
        let expected = 1;
        let acknowledged = false;
        client.on('connected', () => {
          if (!acknowledged) {
            acknowledged = true;
            open += 1;
          }
        });
        client.subscribe<{ messageStream: { seq: number; delta: string; done: boolean } }>(
          { query: STREAM, variables: { id } },
          {
            next: ({ data, errors }) => {
              const event = data?.messageStream;
              if (errors || !event) {
                broken += 1;
                return;
              }
              const now = performance.now();
              if (event.seq !== expected || (!event.done && event.delta !== `${event.seq - 1} `)) broken += 1;
              expected = event.seq + 1;
              if (!event.done) {
                delivered += 1;
                // The fake writes token i about i × TOKEN_DELAY_MS after the first.
                latencies.push(now - (emittedAt.get(`fan-out ${index}`) ?? now) - (event.seq - 1) * TOKEN_DELAY_MS);
                lastArrival = now;
              }
            },
            error: () => {
              broken += 1;
            },
            complete: () => {
              if (expected !== TOKENS + 2) broken += 1;
              completed += 1;
            },
          },
        );
      }
    }
    const subscriptions = GENERATIONS * SUBSCRIBERS_PER_GENERATION;
    await until(() => open === subscriptions);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssOpen = { gateway: rssMb(gatewayProcess), chat: rssMb(chatProcess) };
    const releasedAt = performance.now();
    release();
    await until(() => completed === subscriptions);
    const seconds = (lastArrival - releasedAt) / 1000;
    latencies.sort((a, b) => a - b);
    ttft.sort((a, b) => a - b);
    beforeModel.sort((a, b) => a - b);
    const perSubscriptionKb = (kb: number) => ((kb * 1024) / subscriptions).toFixed(1);
    reportTable(
      'bench:stream',
      `${GENERATIONS} generations × ${TOKENS} tokens from a fake Anthropic server ${TOKEN_DELAY_MS > 0 ? `writing a token every ${TOKEN_DELAY_MS} ms per answer` : 'writing each answer at once'}, ${subscriptions} graphql-ws subscriptions through the gateway (${SUBSCRIBERS_PER_GENERATION} per answer, one socket each), token log: ${redisUrl ? 'Redis Streams' : 'in-process'}. Latency is from the fake model writing a token to a client receiving it; the load generator (1,000 sockets) shares the machine.`,
      ['measure', 'value'],
      [
        ['tokens delivered', `${delivered} of ${subscriptions * TOKENS}`],
        ['lost, reordered or errored', String(broken)],
        ['delivered tokens/s', Math.round(delivered / seconds).toLocaleString('en')],
        [
          'added latency p50 / p95 / p99 (ms)',
          `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)}`,
        ],
        [
          'time to first token p50 / p95 (ms), model answers at once',
          `${percentile(ttft, 50).toFixed(1)} / ${percentile(ttft, 95).toFixed(1)}`,
        ],
        ['of which before the model is asked p50 (ms)', percentile(beforeModel, 50).toFixed(1)],
        [
          'memory per open subscription (KiB): gateway / chat',
          `${perSubscriptionKb(rssOpen.gateway - rssBefore.gateway)} / ${perSubscriptionKb(rssOpen.chat - rssBefore.chat)}`,
        ],
      ],
      `Peak RSS: ${processes.map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ')}.`,
    );
    if (broken > 0) process.exitCode = 1;
  } finally {
    await Promise.all(clients.map(async (client) => client.dispose()));
    for (const p of processes.reverse()) await p.stop();
    await fake.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
