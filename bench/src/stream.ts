import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { IDENTITY_HEADER, type Caller } from '@nusa/platform';
import { hiveIdentityHeaders } from './identity.js';
import { createTestDatabase, startFakeAnthropic, textStream, type FakeReply } from '@nusa/platform/testing';
import { benchSecrets, hiveSetup, startHive, startOurs, type RunningGateway } from './gateways.js';
import { percentile } from './load.js';
import { processTree } from '@nusa/platform/testing';
import { cpuMeter, treeRssMb, type BenchProcess } from './processes.js';
import { graphqlData, reportTable } from './report.js';
import { startStreamServices } from './stream-services.js';

const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 100);
const SUBSCRIBERS_PER_GENERATION = Number(process.env.BENCH_SUBSCRIBERS_PER_GENERATION ?? 10);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 200);
/** Pause between the fake model's tokens; 0: every answer written at once, as fast as it can. */
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 0);
const TTFT_SAMPLES = 30;
const PAIRS = Number(process.env.BENCH_PAIRS ?? 2);
const redisUrl = process.env.REDIS_URL;
/** BENCH_HIVE=off: our gateway alone (for profiling it and the chat subgraph without Hive's runs in between). */
const WITH_HIVE = process.env.BENCH_HIVE !== 'off';

const STREAM = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta done } }';

/** Resolves when `check` holds, polling. */
async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The fake model: per answer (keyed by the user's message) when it was asked and when it wrote its tokens. */
interface FakeModel {
  baseUrl: string;
  /** When the fake wrote each token of each answer, by `<answer key>\n<token index>`. */
  writtenAt: Map<string, number>;
  requestedAt: Map<string, number>;
  /** Holds every answer's tokens until the returned release is called. */
  hold: () => () => void;
  stop: () => Promise<void>;
}

async function startFakeModel(): Promise<FakeModel> {
  const writtenAt = new Map<string, number>();
  const requestedAt = new Map<string, number>();
  let held: Promise<void> = Promise.resolve();
  let answers = 0;
  const fake = await startFakeAnthropic((request) => {
    const messages = request.body.messages as { content: string }[];
    const key = String(messages[messages.length - 1]?.content ?? '');
    requestedAt.set(key, performance.now());
    const reply: FakeReply = textStream(
      Array.from({ length: TOKENS }, (_, index) => `${index} `),
      { outputTokens: TOKENS, delayMs: TOKEN_DELAY_MS },
    );
    const released = held.then(() => performance.now());
    if (TOKEN_DELAY_MS === 0) {
      // Every token in one write, once released.
      const written = released.then((at) => {
        for (let index = 0; index < TOKENS; index += 1) writtenAt.set(`${key}\n${index}`, at);
      });
      return { stream: [{ until: written }, ...(reply.stream ?? [])] };
    }
    // Paced: token i is written at phase + i × TOKEN_DELAY_MS after the release on the clock, so timer lag
    // does not accumulate, and the time it was actually written is what its latency is measured from. The
    // answers' phases are spread over one pause, as independent model streams are not in step.
    const phase = (TOKEN_DELAY_MS * (answers % GENERATIONS)) / GENERATIONS;
    answers += 1;
    let index = 0;
    // Each token's timer is set when the one before it fires: a hundred timers at a time, not twenty thousand.
    let previous = released;
    const steps = (reply.stream ?? []).map((step) => {
      if (!('delayMs' in step)) return step;
      const token = index;
      index += 1;
      const due = previous.then(async (start) => {
        const wait = start + phase + token * TOKEN_DELAY_MS - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        writtenAt.set(`${key}\n${token}`, performance.now());
        return start;
      });
      previous = due;
      return { until: due.then(() => undefined) };
    });
    return { stream: [{ until: released.then(() => undefined) }, ...steps] };
  });
  return {
    baseUrl: fake.baseUrl,
    writtenAt,
    requestedAt,
    hold: () => {
      let release: () => void = () => undefined;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        held = Promise.resolve();
      };
    },
    stop: () => fake.stop(),
  };
}

/** How a client reaches a gateway: headers over HTTP and the graphql-ws `connection_init` payload. */
interface Access {
  headers: () => Record<string, string>;
  connectionParams: () => Record<string, string>;
}

/** One gateway's figures on the fan-out. */
interface StreamFigures {
  delivered: number;
  expected: number;
  broken: number;
  tokensPerSecond: number;
  latency: [number, number, number];
  ttft: [number, number];
  beforeModel: number;
  kibPerSubscription: number;
  /** CPU seconds used from the release to the end of every stream: the gateway, each subgraph and the load generator. */
  cpu: Record<string, number>;
  /** What went wrong first, if anything did. */
  firstFailure?: string;
}

/** Phase 1 (time to first token, one answer at a time) and phase 2 (the fan-out) through one gateway. */
async function measure(
  run: string,
  gateway: RunningGateway,
  access: Access,
  model: FakeModel,
  clientId: string,
  subgraphs: BenchProcess[],
): Promise<StreamFigures> {
  const clients: Client[] = [];
  const connect = () => {
    const client = createClient({
      url: gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: access.connectionParams(),
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };
  const call = <T>(query: string, variables: Record<string, unknown>) => graphqlData<T>(gateway.url, access.headers(), query, variables);
  const conversation = async () =>
    (
      await call<{ startConversation: { id: string } }>('mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }', {
        c: clientId,
      })
    ).startConversation.id;
  const send = async (conversationId: string, content: string) =>
    (
      await call<{ sendMessage: { assistantMessage: { id: string } } }>(
        'mutation($c: ID!, $q: String!) { sendMessage(input: { conversationId: $c, content: $q }) { assistantMessage { id } } }',
        { c: conversationId, q: content },
      )
    ).sendMessage.assistantMessage.id;
  try {
    const ttft: number[] = [];
    const beforeModel: number[] = [];
    const ttftClient = connect();
    const ttftConversation = await conversation();
    for (let sample = 0; sample < TTFT_SAMPLES; sample += 1) {
      const key = `${run} ttft ${sample}`;
      const started = performance.now();
      const id = await send(ttftConversation, key);
      await new Promise<void>((resolve, reject) => {
        let first = true;
        ttftClient.subscribe<{ messageStream: { done: boolean } }>(
          { query: STREAM, variables: { id } },
          {
            next: ({ errors }) => {
              if (errors) reject(new Error(`${gateway.name}: ${JSON.stringify(errors).slice(0, 300)}`));
              if (first) {
                first = false;
                ttft.push(performance.now() - started);
                beforeModel.push((model.requestedAt.get(key) ?? started) - started);
              }
            },
            error: (error: unknown) => reject(error instanceof Error ? error : new Error(`${gateway.name}: ${JSON.stringify(error)}`)),
            complete: resolve,
          },
        );
      });
    }

    // Every generation's tokens are held until all subscriptions are open.
    const release = model.hold();
    const conversations = await Promise.all(Array.from({ length: GENERATIONS }, () => conversation()));
    const ids = await Promise.all(conversations.map((conversationId, index) => send(conversationId, `${run} fan-out ${index}`)));
    const rssBefore = treeRssMb(gateway.process.child.pid as number);
    const latencies: number[] = [];
    let delivered = 0;
    let lastArrival = 0;
    let broken = 0;
    let firstFailure: string | undefined;
    const fail = (what: string) => {
      broken += 1;
      firstFailure ??= what;
    };
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
                fail(`errors: ${JSON.stringify(errors).slice(0, 200)}`);
                return;
              }
              const now = performance.now();
              if (event.seq !== expected || (!event.done && event.delta !== `${event.seq - 1} `)) {
                fail(`event ${event.seq} (${JSON.stringify(event.delta)}) where ${expected} was due`);
              }
              expected = event.seq + 1;
              if (!event.done) {
                delivered += 1;
                latencies.push(now - (model.writtenAt.get(`${run} fan-out ${index}\n${event.seq - 1}`) ?? now));
                lastArrival = now;
              }
            },
            error: (error: unknown) => {
              const { code, reason } = error as { code?: number; reason?: string };
              fail(error instanceof Error ? error.message : `socket closed ${code ?? ''} ${reason ?? JSON.stringify(error)}`);
              completed += 1;
            },
            complete: () => {
              if (expected !== TOKENS + 2) fail(`completed after ${expected - 1} of ${TOKENS + 1} events`);
              completed += 1;
            },
          },
        );
      }
    }
    const subscriptions = GENERATIONS * SUBSCRIBERS_PER_GENERATION;
    await until(() => open === subscriptions);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssOpen = treeRssMb(gateway.process.child.pid as number);
    const meter = cpuMeter({
      gateway: processTree(gateway.process.child.pid ?? 0),
      ...Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, [subgraph.child.pid ?? 0]])),
      // This process: the 1,000 client sockets and the fake model.
      'load generator': [process.pid],
    });
    const releasedAt = performance.now();
    release();
    await until(() => completed === subscriptions);
    const cpu = meter();
    latencies.sort((a, b) => a - b);
    ttft.sort((a, b) => a - b);
    beforeModel.sort((a, b) => a - b);
    return {
      delivered,
      expected: subscriptions * TOKENS,
      broken,
      tokensPerSecond: Math.round(delivered / ((lastArrival - releasedAt) / 1000)),
      latency: [percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)],
      ttft: [percentile(ttft, 50), percentile(ttft, 95)],
      beforeModel: percentile(beforeModel, 50),
      kibPerSubscription: ((rssOpen - rssBefore) * 1024) / subscriptions,
      cpu,
      firstFailure,
    };
  } finally {
    await Promise.all(clients.map(async (client) => client.dispose()));
  }
}

const columnOf = (figures: StreamFigures): string[] => [
  `${figures.delivered} of ${figures.expected}`,
  String(figures.broken),
  figures.tokensPerSecond.toLocaleString('en'),
  figures.latency.map((value) => value.toFixed(1)).join(' / '),
  figures.ttft.map((value) => value.toFixed(1)).join(' / '),
  figures.beforeModel.toFixed(1),
  figures.kibPerSubscription.toFixed(1),
  Object.entries(figures.cpu)
    .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`)
    .join(', '),
];

async function main(): Promise<void> {
  const model = await startFakeModel();
  const database = await createTestDatabase('bench_stream');
  const processes: BenchProcess[] = [];
  const gateways: RunningGateway[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'bench-stream-'));
  try {
    const { supergraphPath } = await startStreamServices({
      databaseUrl: database.url,
      redisUrl: redisUrl,
      modelBaseUrl: model.baseUrl,
      directory,
      processes,
    });
    const ours = await startOurs(supergraphPath);
    gateways.push(ours);
    const login = await graphqlData<{ login: { token: string; member: { id: string; name: string; email: string; role: 'ADMIN' } } }>(
      ours.url,
      {},
      'mutation { login(email: "admin@localhost", password: "admin") { token member { id name email role } } }',
    );
    const caller: Caller = { kind: 'member', ...login.login.member };
    const oursAccess: Access = {
      headers: () => ({ authorization: `Bearer ${login.login.token}` }),
      connectionParams: () => ({ authorization: `Bearer ${login.login.token}` }),
    };
    // Hive forwards the identity the client sends: on HTTP as a header, on the chat subgraph's socket as its `identity`.
    const identity = hiveIdentityHeaders(caller, benchSecrets.INTERNAL_SECRET, ['chat', 'memory', 'crm', 'knowledge']);
    const hiveAccess: Access = { headers: identity, connectionParams: identity };
    // With jit (the published benchmark's setting) Hive Gateway 2.15 sends the subscription upstream without its
    // arguments (`subscription{messageStream{…}}`), which the chat subgraph rejects: so this runs it without.
    const hiveOptions = {
      jit: false,
      transportEntries: {
        chat: {
          options: {
            subscriptions: {
              kind: 'ws',
              location: '/graphql',
              options: { connectionParams: { identity: `{context.headers.${IDENTITY_HEADER}-chat}` } },
            },
          },
        },
      },
    };
    const theirs = WITH_HIVE ? await startHive(supergraphPath, hiveOptions) : undefined;
    if (theirs) gateways.push(theirs);
    const clientId = (
      await graphqlData<{ clients: { edges: { node: { id: string } }[] } }>(
        ours.url,
        oursAccess.headers(),
        '{ clients(first: 1) { edges { node { id } } } }',
      )
    ).clients.edges[0]?.node.id as string;

    const columns: { name: string; figures: StreamFigures }[] = [];
    let hiveFailure: string | undefined;
    for (let pair = 1; pair <= PAIRS; pair += 1) {
      process.stdout.write(`pair ${pair} of ${PAIRS}: ours ...\n`);
      columns.push({ name: `ours (${pair})`, figures: await measure(`ours ${pair}`, ours, oursAccess, model, clientId, processes) });
      if (!theirs || hiveFailure) continue;
      process.stdout.write(`pair ${pair} of ${PAIRS}: Hive Gateway ...\n`);
      try {
        columns.push({ name: `Hive (${pair})`, figures: await measure(`hive ${pair}`, theirs, hiveAccess, model, clientId, processes) });
      } catch (error) {
        hiveFailure = error instanceof Error ? error.message : String(error);
        process.stdout.write(`Hive Gateway could not serve the subscription: ${hiveFailure}\n`);
      }
    }
    const measures = [
      'tokens delivered',
      'lost, reordered or errored',
      'delivered tokens/s',
      'added latency p50 / p95 / p99 (ms)',
      'time to first token p50 / p95 (ms)',
      'of which before the model is asked p50 (ms)',
      'gateway memory per open subscription (KiB)',
      'CPU seconds from the release to the end of every stream',
    ];
    const values = columns.map(({ figures }) => columnOf(figures));
    reportTable(
      'bench: stream',
      `${GENERATIONS} generations × ${TOKENS} tokens from a fake Anthropic server ${TOKEN_DELAY_MS > 0 ? `writing a token every ${TOKEN_DELAY_MS} ms per answer, the answers out of step` : 'writing each answer at once'}, ${GENERATIONS * SUBSCRIBERS_PER_GENERATION} graphql-ws subscriptions per run (${SUBSCRIBERS_PER_GENERATION} per answer, one socket each), token log: ${redisUrl ? 'Redis Streams' : 'in-process'}; runs alternate ours and Hive Gateway (federating the chat subgraph's subscription over graphql-ws). Latency is from the fake model writing a token to a client receiving it; the load generator (1,000 sockets) shares the machine; time to first token with the model answering at once.`,
      ['measure', ...columns.map(({ name }) => name)],
      measures.map((measure, row) => [measure, ...values.map((column) => column[row] ?? '')]),
      [
        `Peak RSS (gateways summed over their processes): ${[...processes, ...gateways.map((gateway) => gateway.process)].map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ')}.`,
        !theirs
          ? 'Hive Gateway not run (BENCH_HIVE=off).'
          : hiveFailure
            ? `Hive Gateway could not serve the subscription: ${hiveFailure}`
            : hiveSetup(hiveOptions),
        ...columns.flatMap(({ name, figures }) => (figures.firstFailure ? [`First failure, ${name}: ${figures.firstFailure}.`] : [])),
        'Ours authenticates the JWT in connection_init; Hive forwards the identity the client sends to the chat subgraph as its connection identity.',
      ].join(' '),
    );
    if (columns.some(({ name, figures }) => name.startsWith('ours') && figures.broken > 0)) process.exitCode = 1;
  } finally {
    for (const gateway of gateways.reverse()) await gateway.process.stop();
    for (const p of processes.reverse()) await p.stop();
    await model.stop();
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
