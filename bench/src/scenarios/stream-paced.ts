import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { IDENTITY_HEADER, signIdentity, type Caller } from '@nusa/platform';
import { createTestDatabase, processTree, startFakeAnthropic, textStream, type StreamStep } from '@nusa/platform/testing';
import { benchSecrets, hiveSetup, startHive, startOurs, type RunningGateway } from '../gateways.js';
import { hiveIdentityHeaders } from '../identity.js';
import { percentile } from '../load.js';
import { cpuMeter, machineBusySeconds, treeRssMb, type BenchProcess } from '../processes.js';
import { startRedis } from '../real/platform.js';
import { random, type Random } from '../real/vocabulary.js';
import { graphqlData, reportTable } from '../report.js';
import { startStreamServices } from '../stream-services.js';

const STREAM = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta done status error } }';
/** Wall-clock milliseconds with sub-millisecond precision: what each delta carries and each receipt is compared with. */
const clock = () => performance.timeOrigin + performance.now();

function settingsOf(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      answers: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      targets: { type: 'string' },
      'min-delay': { type: 'string' },
      'max-delay': { type: 'string' },
    },
  });
  const env = process.env;
  const number = (flag: string | undefined, name: string, fallback: number) => Number(flag ?? env[name] ?? fallback);
  return {
    /** Answers being written at once (each slot starts its next answer when the last one ended). */
    answers: number(values.answers, 'BENCH_ANSWERS', 100),
    seconds: number(values.seconds, 'BENCH_SECONDS', 30),
    rounds: number(values.rounds, 'BENCH_ROUNDS', 1),
    targets: (values.targets ?? env.BENCH_TARGETS ?? 'ours,ours-sse,hive').split(',').map((target) => target.trim()),
    minDelayMs: number(values['min-delay'], 'BENCH_MIN_DELAY_MS', 15),
    maxDelayMs: number(values['max-delay'], 'BENCH_MAX_DELAY_MS', 25),
    minDeltas: 60,
    maxDeltas: 200,
  };
}
type Settings = ReturnType<typeof settingsOf>;

/** What the fake model was asked to write for one answer, and when it was asked and wrote its first delta. */
interface Plan {
  deltas: number;
  requestedAt?: number;
  firstWrittenAt?: number;
}

/**
 * The fake Anthropic server scripted as a real model streams: each planned answer's text deltas
 * written one by one, every 15-25 ms (on the clock, so timer lag does not accumulate), each carrying
 * `<index>@<write time> ` so the client measures from the write. Unplanned requests get a short answer.
 */
async function startPacedModel(settings: Settings, rng: Random) {
  const plans = new Map<string, Plan>();
  const fake = await startFakeAnthropic((request) => {
    const messages = request.body.messages as { content: unknown }[];
    const last = messages[messages.length - 1]?.content;
    const key = typeof last === 'string' ? last : JSON.stringify(last);
    const plan = [...plans.entries()].find(([question]) => key.includes(question))?.[1];
    if (!plan) return textStream('Noted.');
    const requestedAt = clock();
    plan.requestedAt = requestedAt;
    const reply = textStream(Array.from({ length: plan.deltas }, () => ''));
    let due = requestedAt;
    let previous: Promise<void> = Promise.resolve();
    let index = 0;
    const steps = (reply.stream ?? []).flatMap((step): StreamStep[] => {
      if (!('event' in step) || step.event !== 'content_block_delta') return [step];
      const at = index;
      index += 1;
      due += rng.int(settings.minDelayMs, settings.maxDelayMs);
      const dueAt = due;
      const data = step.data as { delta: { text: string } };
      // Each delta's timer is set when the one before it fires: one timer per answer at a time.
      const written = previous.then(async () => {
        const wait = dueAt - clock();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const now = clock();
        if (at === 0) plan.firstWrittenAt = now;
        // The fake writes this event right after the hold ends, in the same turn.
        data.delta.text = `${at}@${now.toFixed(3)} `;
      });
      previous = written;
      return [{ until: written }, step];
    });
    return { stream: steps };
  });
  return { baseUrl: fake.baseUrl, plans, stop: () => fake.stop() };
}

/** What a subscriber needs of a client, alike for graphql-ws and graphql-sse. */
type Subscriber = Pick<Client, 'subscribe' | 'dispose'>;

/** A run's way to subscribe: one graphql-ws socket per subscriber, or Server-Sent Events (one HTTP connection per subscription). */
type Transport = 'ws' | 'sse';

/** How a client reaches a gateway: headers over HTTP and the graphql-ws `connection_init` payload. */
interface Access {
  headers: () => Record<string, string>;
  connectionParams: () => Record<string, string>;
}

interface PacedFigures {
  answers: number;
  subscriptions: number;
  delivered: number;
  expected: number;
  lost: number;
  reordered: number;
  errors: number;
  /** Answers the platform ended FAILED (or CANCELLED), with their deltas that never came. */
  failedAnswers: number;
  undeliveredOfFailed: number;
  firstFailure?: string;
  deltasPerSecond: number;
  latency: [number, number, number];
  addedTtft: [number, number, number];
  beforeModel: [number, number];
  peakConcurrentAnswers: number;
  meanOpenSubscriptions: number;
  kibPerSubscription: { gateway: number; chat: number };
  /** CPU microseconds per delivered delta, by process. */
  cpuPerDelta: Record<string, number>;
  /** Cores the rest of the machine (other sessions) kept busy meanwhile: the noise. */
  otherCores: number;
}

const p3 = (values: number[]): [number, number, number] => {
  const sorted = [...values].sort((a, b) => a - b);
  return [percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)];
};

/**
 * One run through one gateway: `answers` slots, each starting an answer at a random moment in the
 * first two seconds and the next one 0-500 ms after the last ended, until the time is up; each answer
 * 60-200 deltas followed by 1-3 subscribers (one graphql-ws socket each, kept open as a browser tab
 * keeps it), every delta checked in order and timed from its write.
 */
async function measure(
  run: string,
  settings: Settings,
  gateway: RunningGateway,
  access: Access,
  model: Awaited<ReturnType<typeof startPacedModel>>,
  clientId: string,
  processes: Record<string, number[]>,
  transport: Transport,
): Promise<PacedFigures> {
  const rng = random(run.length * 7919 + settings.answers);
  const sockets: Subscriber[] = [];
  const connect = (): Subscriber => {
    const client: Subscriber =
      transport === 'sse'
        ? createSseClient({ url: gateway.url, headers: access.headers, retryAttempts: 0, singleConnection: false })
        : createClient({
            url: gateway.url.replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            connectionParams: access.connectionParams(),
            retryAttempts: 0,
          });
    sockets.push(client);
    return client;
  };
  const call = <T>(query: string, variables: Record<string, unknown>) => graphqlData<T>(gateway.url, access.headers(), query, variables);
  const latencies: number[] = [];
  const addedTtft: number[] = [];
  const beforeModel: number[] = [];
  let delivered = 0;
  let expected = 0;
  let lost = 0;
  let reordered = 0;
  let errors = 0;
  let failedAnswers = 0;
  let undeliveredOfFailed = 0;
  let firstFailure: string | undefined;
  let answers = 0;
  let subscriptions = 0;
  let concurrent = 0;
  let peakConcurrent = 0;
  let open = 0;
  const fail = (what: string) => {
    errors += 1;
    firstFailure ??= what;
  };
  try {
    const slots = await Promise.all(
      Array.from({ length: settings.answers }, async () => ({
        conversation: (
          await call<{ startConversation: { id: string } }>('mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }', {
            c: clientId,
          })
        ).startConversation.id,
        clients: [connect(), connect(), connect()],
      })),
    );
    const gatewayPids = () => processTree(gateway.process.child.pid ?? 0);
    const rssOf = (pids: number[]) => pids.reduce((sum, pid) => sum + treeRssMb(pid), 0);
    const rssBefore = { gateway: treeRssMb(gateway.process.child.pid ?? 0), chat: rssOf(processes.chat ?? []) };
    const samples: { open: number; gateway: number; chat: number }[] = [];
    const sampler = setInterval(() => {
      samples.push({ open, gateway: treeRssMb(gateway.process.child.pid ?? 0), chat: rssOf(processes.chat ?? []) });
    }, 1000);
    const meter = cpuMeter({ gateway: gatewayPids(), ...processes, 'load generator': [process.pid] });
    const machineBefore = machineBusySeconds();
    const started = clock();
    const deadline = started + settings.seconds * 1000;
    let lastArrival = started;

    const answer = async (slot: (typeof slots)[number], n: number) => {
      const question = `paced ${run} answer ${n}: how long does a KITAS take?`;
      const plan: Plan = { deltas: rng.int(settings.minDeltas, settings.maxDeltas) };
      model.plans.set(question, plan);
      const sentAt = clock();
      const id = (
        await call<{ sendMessage: { assistantMessage: { id: string } } }>(
          'mutation($c: ID!, $q: String!) { sendMessage(input: { conversationId: $c, content: $q }) { assistantMessage { id } } }',
          { c: slot.conversation, q: question },
        )
      ).sendMessage.assistantMessage.id;
      answers += 1;
      concurrent += 1;
      peakConcurrent = Math.max(peakConcurrent, concurrent);
      const followers = rng.int(1, 3);
      let firstSeen = false;
      let failed = false;
      await Promise.all(
        slot.clients.slice(0, followers).map(
          (client) =>
            new Promise<void>((resolve) => {
              subscriptions += 1;
              open += 1;
              expected += plan.deltas;
              let next = 0;
              let seq = 0;
              let ended = 'COMPLETE';
              let finished = false;
              const done = () => {
                if (finished) return;
                finished = true;
                clearTimeout(timer);
                open -= 1;
                resolve();
              };
              // An answer that never ends must not hold the run: after its whole pace and 20 s more it counts as lost.
              const timer = setTimeout(
                () => {
                  if (finished) return;
                  fail(`an answer's stream did not end within ${plan.deltas * settings.maxDelayMs + 20_000} ms`);
                  lost += plan.deltas - next;
                  unsubscribe();
                  done();
                },
                plan.deltas * settings.maxDelayMs + 20_000,
              );
              const unsubscribe = client.subscribe<{
                messageStream: { seq: number; delta: string; done: boolean; status: string; error: string | null };
              }>(
                { query: STREAM, variables: { id } },
                {
                  next: ({ data, errors: failures }) => {
                    const now = clock();
                    const event = data?.messageStream;
                    if (failures || !event) {
                      fail(`errors: ${JSON.stringify(failures).slice(0, 200)}`);
                      return;
                    }
                    if (event.seq !== seq + 1) reordered += 1;
                    seq = event.seq;
                    if (event.done && event.status !== 'COMPLETE') {
                      ended = event.status;
                      if (!failed) {
                        failed = true;
                        failedAnswers += 1;
                        firstFailure ??= `an answer ended ${event.status}: ${event.error ?? ''}`;
                      }
                    }
                    for (const [, index, writtenAt] of event.delta.matchAll(/(\d+)@([\d.]+) /g)) {
                      if (Number(index) !== next) {
                        reordered += 1;
                        if (firstFailure === undefined) firstFailure = `delta ${index} where ${next} was due`;
                      }
                      next = Number(index) + 1;
                      delivered += 1;
                      latencies.push(now - Number(writtenAt));
                      lastArrival = now;
                      if (!firstSeen) {
                        firstSeen = true;
                        const asked = plan.requestedAt ?? sentAt;
                        beforeModel.push(asked - sentAt);
                        addedTtft.push(asked - sentAt + (now - (plan.firstWrittenAt ?? now)));
                      }
                    }
                  },
                  error: (error: unknown) => {
                    if (finished) return;
                    const { code, reason } = error as { code?: number; reason?: string };
                    fail(error instanceof Error ? error.message : `socket closed ${code ?? ''} ${reason ?? JSON.stringify(error)}`);
                    lost += plan.deltas - next;
                    done();
                  },
                  complete: () => {
                    if (finished) return;
                    // What a failed answer never wrote is the platform's failure, counted apart from deltas lost on the way.
                    if (ended === 'COMPLETE') lost += Math.max(0, plan.deltas - next);
                    else undeliveredOfFailed += Math.max(0, plan.deltas - next);
                    done();
                  },
                },
              );
            }),
        ),
      );
      concurrent -= 1;
      model.plans.delete(question);
    };
    await Promise.all(
      slots.map(async (slot, index) => {
        await new Promise((resolve) => setTimeout(resolve, rng.int(0, 2000)));
        for (let n = 0; clock() < deadline; n += 1) {
          await answer(slot, index * 1000 + n).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
          await new Promise((resolve) => setTimeout(resolve, rng.int(0, 500)));
        }
      }),
    );
    clearInterval(sampler);
    const cpu = meter();
    const machine = machineBusySeconds() - machineBefore;
    const elapsed = (clock() - started) / 1000;
    const ours = Object.values(cpu).reduce((sum, seconds) => sum + seconds, 0);
    const steady = samples.filter((sample) => sample.open > 0);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const meanOpen = mean(steady.map((sample) => sample.open));
    const perSubscription = (key: 'gateway' | 'chat') =>
      ((mean(steady.map((sample) => sample[key])) - rssBefore[key]) * 1024) / Math.max(1, meanOpen);
    return {
      answers,
      subscriptions,
      delivered,
      expected,
      lost,
      reordered,
      errors,
      failedAnswers,
      undeliveredOfFailed,
      firstFailure,
      deltasPerSecond: Math.round(delivered / ((lastArrival - started) / 1000)),
      latency: p3(latencies),
      addedTtft: p3(addedTtft),
      beforeModel: [p3(beforeModel)[0], p3(beforeModel)[1]],
      peakConcurrentAnswers: peakConcurrent,
      meanOpenSubscriptions: meanOpen,
      kibPerSubscription: { gateway: perSubscription('gateway'), chat: perSubscription('chat') },
      cpuPerDelta: Object.fromEntries(Object.entries(cpu).map(([name, seconds]) => [name, (seconds * 1e6) / Math.max(1, delivered)])),
      otherCores: Math.max(0, machine - ours) / elapsed,
    };
  } finally {
    await Promise.all(sockets.map(async (client) => client.dispose()));
  }
}

/**
 * `stream-paced`: answers streamed as real models stream them (a delta every 15-25 ms, answers
 * starting at random times, 1-3 subscribers each, `--answers` at once), through our gateway and
 * Hive Gateway in turn: delivered deltas/s, added latency per delta from the fake model's write,
 * added time to first token, lost and reordered deltas, memory per subscription, CPU per delta.
 */
export async function streamPaced(): Promise<void> {
  const settings = settingsOf(process.argv.slice(3));
  const model = await startPacedModel(settings, random(5));
  const database = await createTestDatabase('bench_stream_paced');
  const redis: { url: string; child: ChildProcess } = await startRedis();
  const processes: BenchProcess[] = [];
  const gateways: RunningGateway[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'bench-stream-paced-'));
  try {
    const { urls, supergraphPath } = await startStreamServices({
      databaseUrl: database.url,
      redisUrl: redis.url,
      modelBaseUrl: model.baseUrl,
      directory,
      processes,
    });
    // One signed-in admin holds every subscription: the per-session cap is raised for the bench, as the rate limits are.
    const limits = { MAX_OPEN_SUBSCRIPTIONS: '100000', SUBSCRIBE_ATTEMPTS_PER_MINUTE: '100000000', REDIS_URL: redis.url };
    const ours = settings.targets.some((target) => target.startsWith('ours')) ? await startOurs(supergraphPath, limits) : undefined;
    if (ours) gateways.push(ours);
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
    const theirs = settings.targets.includes('hive') ? await startHive(supergraphPath, hiveOptions) : undefined;
    if (theirs) gateways.push(theirs);
    const login = await graphqlData<{ login: { token: string; member: { id: string; name: string; email: string; role: 'ADMIN' } } }>(
      urls.crm,
      { [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'bench' }, benchSecrets.INTERNAL_SECRET, 'crm') },
      'mutation { login(email: "admin@localhost", password: "admin") { token member { id name email role } } }',
    );
    const caller: Caller = { kind: 'member', ...login.login.member };
    const bearer = { authorization: `Bearer ${login.login.token}` };
    const identity = hiveIdentityHeaders(caller, benchSecrets.INTERNAL_SECRET, ['chat', 'memory', 'crm', 'knowledge']);
    const accessOf = (gateway: RunningGateway): Access =>
      gateway === ours ? { headers: () => bearer, connectionParams: () => bearer } : { headers: identity, connectionParams: identity };
    const first = gateways[0];
    if (!first) throw new Error('no target (ours, hive)');
    const clientId = (
      await graphqlData<{ clients: { edges: { node: { id: string } }[] } }>(
        first.url,
        accessOf(first).headers(),
        '{ clients(first: 1) { edges { node { id } } } }',
      )
    ).clients.edges[0]?.node.id as string;
    const pids = {
      chat: [processes[2]?.child.pid ?? 0],
      memory: [processes[1]?.child.pid ?? 0],
      crm: [processes[0]?.child.pid ?? 0],
      Redis: [redis.child.pid ?? 0],
    };
    // `ours-sse`: our gateway again, every subscriber over Server-Sent Events instead of graphql-ws.
    const runs: { gateway: RunningGateway; transport: Transport }[] = gateways.map((gateway) => ({ gateway, transport: 'ws' }));
    if (ours && settings.targets.includes('ours-sse')) runs.push({ gateway: ours, transport: 'sse' });
    const columns: { name: string; figures: PacedFigures }[] = [];
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const { gateway, transport } of runs) {
        const name = transport === 'sse' ? `${gateway.name} SSE` : gateway.name;
        process.stdout.write(`round ${round}: ${name}, ${settings.answers} answers at once for ${settings.seconds} s ...\n`);
        try {
          const figures = await measure(`${name} ${round}`, settings, gateway, accessOf(gateway), model, clientId, pids, transport);
          columns.push({ name: `${name} (${round})`, figures });
          process.stdout.write(
            `  ${figures.deltasPerSecond} deltas/s, p99 ${figures.latency[2].toFixed(1)} ms, lost ${figures.lost}, reordered ${figures.reordered}, errors ${figures.errors}\n`,
          );
        } catch (error) {
          process.stdout.write(`  ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    }
    const rows: [string, (figures: PacedFigures) => string][] = [
      ['answers streamed (peak at once)', (f) => `${f.answers} (${f.peakConcurrentAnswers})`],
      ['subscriptions (mean open)', (f) => `${f.subscriptions} (${f.meanOpenSubscriptions.toFixed(0)})`],
      ['deltas delivered of written', (f) => `${f.delivered} of ${f.expected}`],
      ['lost / reordered / errors', (f) => `${f.lost} / ${f.reordered} / ${f.errors}`],
      ['answers the platform ended FAILED (their deltas never sent)', (f) => `${f.failedAnswers} (${f.undeliveredOfFailed})`],
      ['delivered deltas/s', (f) => f.deltasPerSecond.toLocaleString('en')],
      ['added latency per delta p50 / p95 / p99 (ms)', (f) => f.latency.map((value) => value.toFixed(1)).join(' / ')],
      ['added time to first token p50 / p95 / p99 (ms)', (f) => f.addedTtft.map((value) => value.toFixed(1)).join(' / ')],
      ['of which before the model is asked p50 / p95 (ms)', (f) => f.beforeModel.map((value) => value.toFixed(1)).join(' / ')],
      [
        'memory per open subscription, gateway / chat (KiB)',
        (f) => `${f.kibPerSubscription.gateway.toFixed(0)} / ${f.kibPerSubscription.chat.toFixed(0)}`,
      ],
      [
        'CPU µs per delivered delta',
        (f) =>
          Object.entries(f.cpuPerDelta)
            .map(([name, value]) => `${name} ${value.toFixed(0)}`)
            .join(', '),
      ],
      ['other load on the machine meanwhile (cores)', (f) => f.otherCores.toFixed(2)],
    ];
    reportTable(
      'bench: stream-paced',
      `Answers streamed as a model streams them: the fake Anthropic server writes each answer's ${settings.minDeltas}-${settings.maxDeltas} text deltas one every ${settings.minDelayMs}-${settings.maxDelayMs} ms (drawn per delta, on the clock), each delta carrying its write time; ${settings.answers} answers at once (each slot starts its first answer at a random moment in the first 2 s and the next 0-500 ms after the last ended), 1-3 subscribers per answer (graphql-ws: one socket each, kept open across answers; the SSE column: one Server-Sent Events connection per subscription), ${settings.seconds} s per run, token log in Redis Streams (chat with REDIS_URL). Added latency: the client's receipt of a delta minus the fake model's write of it. Added time to first token: from sendMessage being sent until the model is asked, plus the first delta's delivery (the model's own 15-25 ms before it is not counted). Memory per subscription: mean RSS while streaming minus RSS before, over the mean open subscriptions.`,
      ['measure', ...columns.map(({ name }) => name)],
      rows.map(([measure, value]) => [measure, ...columns.map(({ figures }) => value(figures))]),
      [
        `Peak RSS (gateways summed over their processes): ${[...processes, ...gateways.map((gateway) => gateway.process)].map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ')}.`,
        theirs ? hiveSetup(hiveOptions) : 'Hive Gateway not run.',
        ...columns.flatMap(({ name, figures }) => (figures.firstFailure ? [`First failure, ${name}: ${figures.firstFailure}.`] : [])),
        'Ours authenticates the JWT in connection_init (its per-session cap of open subscriptions raised by MAX_OPEN_SUBSCRIPTIONS for the bench); Hive forwards the identity the client sends to the chat subgraph as its connection identity. The load generator (every socket and the fake model) shares the machine.',
      ].join(' '),
    );
    if (columns.some(({ name, figures }) => name.startsWith('ours') && figures.lost + figures.reordered + figures.errors > 0))
      process.exitCode = 1;
  } finally {
    for (const gateway of gateways.reverse()) await gateway.process.stop();
    for (const p of processes.reverse()) await p.stop();
    await model.stop();
    const exited = new Promise((resolve) => redis.child.once('exit', resolve));
    redis.child.kill('SIGTERM');
    await exited;
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  }
}
