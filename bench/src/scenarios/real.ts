import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICE_NODE_FLAGS } from '@nusa/platform';
import { processTree } from '@nusa/platform/testing';
import { benchWorkers, hiveSetup, startHive, startOurs, type RunningGateway } from '../gateways.js';
import { median } from '../load.js';
import { cpuSeconds, machineBusySeconds, treePeakRssMb } from '../processes.js';
import { reportTable } from '../report.js';
import { operations, type Operation } from '../real/operations.js';
import { startRealPlatform, type RealPlatform } from '../real/platform.js';
import { seedWorld, type World } from '../real/seed.js';
import { latencyPercentiles, runWorkload, type RunFigures, type Target } from '../real/workload.js';

/** The settings of a run: flags after `real`, else BENCH_* variables, else defaults. */
function settingsOf(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      targets: { type: 'string' },
      clients: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const env = process.env;
  // BENCH_SECONDS, or SECONDS when the shell was given one for the command (bash's own SECONDS is not exported).
  const number = (flag: string | undefined, name: string, fallback: number) =>
    Number(flag ?? env[name] ?? env[name.replace(/^BENCH_/, '')] ?? fallback);
  const only = values.only ?? env.BENCH_ONLY;
  if (only !== undefined && !operations.some((operation) => operation.name === only)) {
    throw new Error(`--only takes one of ${operations.map((operation) => operation.name).join(', ')}`);
  }
  const profile = values.profile ?? env.BENCH_PROFILE ?? env.PROFILE;
  return {
    only,
    seconds: number(values.seconds, 'BENCH_SECONDS', 20),
    warmUpSeconds: number(values.warmup, 'BENCH_WARMUP', 5),
    connections: number(values.connections, 'BENCH_CONNECTIONS', 10),
    rounds: number(values.rounds, 'BENCH_ROUNDS', 2),
    targets: (values.targets ?? env.BENCH_TARGETS ?? 'ours,hive,direct').split(',').map((target) => target.trim()),
    clients: number(values.clients, 'BENCH_CLIENTS', 500),
    profile: profile ? resolve(profile) : undefined,
  };
}

const PROCESS_COLUMNS = ['gateway', 'crm', 'memory', 'knowledge', 'Chroma', 'PostgreSQL', 'Redis', 'chat', 'load generator'] as const;
type ProcessColumn = (typeof PROCESS_COLUMNS)[number];

/** A run's figures with the CPU each process used during it. */
interface MeasuredRun {
  round: number;
  figures: RunFigures;
  cpu: Record<ProcessColumn, number>;
  /** CPU seconds the rest of the machine (other sessions, the system) used meanwhile. */
  others: number;
}

/**
 * Starts a CPU reading of every process of the platform (the gateway under test, each subgraph,
 * Chroma, the PostgreSQL backends of this run's databases, Redis, this load generator) and of the
 * machine; the returned function ends it.
 */
async function cpuReading(
  platform: RealPlatform,
  gateway: RunningGateway | undefined,
): Promise<() => Promise<{ cpu: Record<ProcessColumn, number>; others: number }>> {
  const [crm, memory, knowledge, chat] = platform.services.map((service) => service.child.pid ?? 0) as [number, number, number, number];
  const groups: Record<Exclude<ProcessColumn, 'PostgreSQL'>, number[]> = {
    gateway: gateway ? processTree(gateway.process.child.pid ?? 0) : [],
    crm: [crm],
    memory: [memory],
    knowledge: [knowledge],
    Chroma: processTree(knowledge).slice(1),
    Redis: platform.redis.pid ? [platform.redis.pid] : [],
    chat: [chat],
    'load generator': [process.pid],
  };
  const used = () =>
    Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)]));
  const backendsBefore = new Map((await platform.postgresBackends()).map((pid) => [pid, cpuSeconds(pid)]));
  const before = used();
  const machineBefore = machineBusySeconds();
  return async () => {
    const after = used();
    const machine = machineBusySeconds() - machineBefore;
    // Backends opened during the run count from zero; one that closed during it is lost (pools keep theirs).
    const backends = new Set([...backendsBefore.keys(), ...(await platform.postgresBackends())]);
    let postgres = 0;
    for (const pid of backends) postgres += Math.max(0, cpuSeconds(pid) - (backendsBefore.get(pid) ?? 0));
    const cpu = {
      ...Object.fromEntries(Object.keys(after).map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)])),
      PostgreSQL: postgres,
    } as Record<ProcessColumn, number>;
    const ours = Object.values(cpu).reduce((sum, seconds) => sum + seconds, 0);
    return { cpu, others: Math.max(0, machine - ours) };
  };
}

const requestsOf = (figures: RunFigures) => figures.operations.reduce((sum, operation) => sum + operation.requests, 0);
const errorsOf = (figures: RunFigures) => figures.operations.reduce((sum, operation) => sum + operation.errors, 0);
const rate = (requests: number, seconds: number) => Math.round(requests / seconds);
const ms = (seconds: number, requests: number) => ((seconds * 1000) / Math.max(1, requests)).toFixed(2);
const two = (value: number) => value.toFixed(2);

/**
 * `real`: the platform as it runs (gateway, crm, memory, knowledge with Chroma, chat, PostgreSQL,
 * Redis) filled like a busy agency, loaded by many callers (every team member signed in, two partner
 * API keys) with a weighted mix of distinct operations, through our gateway and Hive Gateway in
 * alternating rounds and straight at the subgraphs; CPU per request of every process from /proc.
 * `--only <operation>` loads one operation alone, to measure its CPU per request in isolation.
 */
export async function real(): Promise<void> {
  const settings = settingsOf(process.argv.slice(3));
  const chosen: Operation[] = settings.only
    ? operations.filter((operation) => operation.name === settings.only).map((operation) => ({ ...operation, weight: 1 }))
    : operations;
  const platform = await startRealPlatform(settings.profile);
  const gateways: RunningGateway[] = [];
  try {
    const world = await seedWorld(platform, settings.clients);
    const targets: { target: Target; gateway?: RunningGateway }[] = [];
    for (const name of settings.targets) {
      if (name === 'ours' || name === 'ours-reshaping') {
        if (settings.profile) process.env.BENCH_GATEWAY_NODE_ARGS = platform.nodeArgs('gateway')?.join(' ');
        // ours-reshaping: the same gateway with every answer reshaped by @apollo/gateway (PASS_THROUGH=off), to compare.
        const reshaping = name === 'ours-reshaping';
        const started = await startOurs(platform.supergraphPath, {
          REDIS_URL: platform.redis.url,
          ...(reshaping ? { PASS_THROUGH: 'off' } : {}),
        });
        const ours = reshaping ? { ...started, name: 'ours, PASS_THROUGH=off' } : started;
        gateways.push(ours);
        targets.push({
          target: {
            kind: 'gateway',
            name: ours.name,
            url: ours.url,
            headers: (caller) => ({ authorization: caller.authorization }),
          },
          gateway: ours,
        });
      } else if (name === 'hive') {
        const hive = await startHive(platform.supergraphPath);
        gateways.push(hive);
        targets.push({
          target: { kind: 'gateway', name: 'Hive Gateway', url: hive.url, headers: (caller) => caller.hiveHeaders() },
          gateway: hive,
        });
      } else if (name === 'direct') {
        if (chosen.every((operation) => operation.weight === 0 || operation.direct))
          targets.push({ target: { kind: 'direct', name: 'subgraphs direct', urls: platform.urls } });
      } else {
        throw new Error(`unknown target ${name} (ours, ours-reshaping, hive, direct)`);
      }
    }
    await checkEveryOperation(
      targets.map(({ target }) => target),
      chosen,
      world,
    );
    process.stdout.write(`every operation answers through every target; warming up ${settings.warmUpSeconds} s each ...\n`);
    for (const [index, { target }] of targets.entries()) {
      await runWorkload({
        target,
        operations: chosen,
        world,
        seconds: settings.warmUpSeconds,
        connections: settings.connections,
        seed: 1000 + index,
      });
    }
    const runs = new Map<string, MeasuredRun[]>(targets.map(({ target }) => [target.name, []]));
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const [index, { target, gateway }] of targets.entries()) {
        process.stdout.write(
          `round ${round} of ${settings.rounds}: ${target.name}, ${settings.seconds} s at ${settings.connections} connections ...\n`,
        );
        const reading = await cpuReading(platform, gateway);
        const figures = await runWorkload({
          target,
          operations: chosen,
          world,
          seconds: settings.seconds,
          connections: settings.connections,
          seed: round * 100 + index,
        });
        const { cpu, others } = await reading();
        runs.get(target.name)?.push({ round, figures, cpu, others });
        process.stdout.write(`  ${rate(requestsOf(figures), figures.seconds)} req/s, ${errorsOf(figures)} errors\n`);
      }
    }
    report(settings, chosen, platform, gateways, runs, world);
  } finally {
    for (const gateway of gateways.reverse()) await gateway.process.stop();
    await platform.stop();
  }
}

/** Sends every operation once per kind of caller through every target, and throws on the first failure. */
async function checkEveryOperation(targets: Target[], chosen: Operation[], world: World): Promise<void> {
  for (const target of targets) {
    for (const kind of ['member', 'apiKey'] as const) {
      const caller = world.callers.find((candidate) => candidate.kind === kind);
      if (!caller) continue;
      for (const operation of chosen) {
        if (operation.membersOnly && kind !== 'member') continue;
        if (target.kind === 'direct' && !operation.direct) continue;
        const figures = await runWorkload({
          target,
          operations: [{ ...operation, weight: 1 }],
          world: { ...world, callers: [caller] },
          seconds: 60,
          connections: 1,
          seed: 7,
          requestsPerLoop: 1,
        });
        const failed = figures.operations.find((figure) => figure.errors > 0);
        if (failed) throw new Error(`${target.name}, ${operation.name} as ${caller.label}: ${failed.firstErrors.join('; ')}`);
      }
    }
  }
}

function report(
  settings: ReturnType<typeof settingsOf>,
  chosen: Operation[],
  platform: RealPlatform,
  gateways: RunningGateway[],
  runs: Map<string, MeasuredRun[]>,
  world: World,
): void {
  const all = [...runs.entries()].flatMap(([, measured]) => measured);
  const workload = settings.only
    ? `One operation alone (\`--only ${settings.only}\`): ${chosen[0]?.description ?? ''}.`
    : `The mixed workload, by weight: ${chosen
        .filter((operation) => operation.weight > 0)
        .map((operation) => `${operation.name} ${operation.weight}${operation.membersOnly ? ' (members only)' : ''}`)
        .join(', ')}; ${chosen
        .filter((operation) => operation.weight > 0)
        .map((operation) => `**${operation.name}**: ${operation.description}`)
        .join('; ')}.`;
  const members = world.callers.filter((caller) => caller.kind === 'member').length;
  const partners = world.callers.length - members;
  const description = [
    `The whole platform as separate processes (gateway, crm, memory, knowledge with its Chroma child, chat; PostgreSQL 15 shared with the machine, the run's own Redis), ${settings.clients} clients seeded beside the 50 demo clients (1-3 practices, 2-4 interactions, 1-2 conversations of 4-8 messages, 2-4 facts each) and the knowledge seed documents.`,
    workload,
    `Callers: every team member signed in (${members}) and ${partners} partner API keys (CRM_READ, KNOWLEDGE_READ, CHAT; reads only), drawn at random for every request; no two requests in flight alike (operation, variables and caller; drawn again on a clash).`,
    `${settings.connections} connections, ${settings.seconds} s per run after a ${settings.warmUpSeconds} s warm-up of each target, ${settings.rounds} rounds of ${[...runs.keys()].join(', ')} in turn. Every Node process (both gateways, the subgraphs) with the services' deployed flags (\`${SERVICE_NODE_FLAGS.join(' ')}\`). Guards on (auth, scopes, query limits), rate limits raised for the bench by env (RATE_LIMIT_*), Redis for rate limits, revocations and caches. Every answer checked: HTTP 200, no \`errors\`, every root field holding data.`,
  ].join(' ');
  const title = settings.only ? `bench: real --only ${settings.only}` : 'bench: real';

  // Throughput and latency: every run overall, then each operation over every run of a target.
  const rows: string[][] = [];
  for (const run of all) {
    const latencies = run.figures.operations.flatMap((operation) => operation.latencies);
    rows.push([
      `round ${run.round}`,
      run.figures.target,
      'all',
      String(rate(requestsOf(run.figures), run.figures.seconds)),
      ...latencyPercentiles(latencies).map(String),
      String(errorsOf(run.figures)),
    ]);
  }
  if (!settings.only) {
    for (const [target, measured] of runs) {
      const seconds = measured.reduce((sum, run) => sum + run.figures.seconds, 0);
      for (const operation of chosen) {
        const figures = measured.flatMap((run) => run.figures.operations.filter((figure) => figure.name === operation.name));
        const requests = figures.reduce((sum, figure) => sum + figure.requests, 0);
        if (requests === 0) continue;
        rows.push([
          'all rounds',
          target,
          operation.name,
          String(rate(requests, seconds)),
          ...latencyPercentiles(figures.flatMap((figure) => figure.latencies)).map(String),
          String(figures.reduce((sum, figure) => sum + figure.errors, 0)),
        ]);
      }
    }
  }
  const errorNotes = [...runs.entries()].flatMap(([target, measured]) => {
    const messages = new Map<string, string[]>();
    for (const run of measured) {
      for (const figure of run.figures.operations) {
        for (const message of figure.firstErrors) {
          const list = messages.get(figure.name) ?? [];
          if (list.length < 3 && !list.includes(message)) list.push(message);
          messages.set(figure.name, list);
        }
      }
    }
    return [...messages.entries()].map(
      ([operation, list]) => `${target} ${operation}: ${list.map((message) => `\`${message}\``).join(', ')}`,
    );
  });
  const repeats = all.reduce((sum, run) => sum + run.figures.repeatsInFlight, 0);

  const ratioNotes: string[] = [];
  const oursRuns = runs.get('ours') ?? [];
  const hiveRuns = runs.get('Hive Gateway') ?? [];
  const directRuns = runs.get('subgraphs direct') ?? [];
  const rps = (run: MeasuredRun) => requestsOf(run.figures) / run.figures.seconds;
  const p95 = (run: MeasuredRun) => latencyPercentiles(run.figures.operations.flatMap((operation) => operation.latencies))[1];
  const cpuPerRequest = (run: MeasuredRun, withLoad = false) =>
    (Object.entries(run.cpu)
      .filter(([name]) => withLoad || name !== 'load generator')
      .reduce((sum, [, seconds]) => sum + seconds, 0) *
      1000) /
    Math.max(1, requestsOf(run.figures));
  if (oursRuns.length > 0 && hiveRuns.length > 0) {
    const ratios = oursRuns.map((run, index) => rps(run) / rps(hiveRuns[index] ?? run));
    const p95Ratios = oursRuns.map((run, index) => p95(run) / p95(hiveRuns[index] ?? run));
    ratioNotes.push(
      `**Ours/Hive throughput: median ${two(median(ratios))}** (rounds: ${ratios.map(two).join(', ')}); p95 ours/Hive median ${two(median(p95Ratios))}.`,
    );
  }
  if (oursRuns.length > 0 && directRuns.length > 0) {
    const ratios = oursRuns.map((run, index) => cpuPerRequest(run) / cpuPerRequest(directRuns[index] ?? run));
    ratioNotes.push(
      `CPU per request of the platform (every process but the load generator) ours/direct: median ${two(median(ratios))} (rounds: ${ratios.map(two).join(', ')}).`,
    );
  }
  for (const [target, measured] of runs) {
    if (measured.length < 2) continue;
    const values = measured.map(rps);
    const spread = (100 * (Math.max(...values) - Math.min(...values))) / median(values);
    ratioNotes.push(
      `Noise, ${target} run ${measured.length} times: ${values.map((value) => value.toFixed(0)).join(' / ')} req/s (spread ${spread.toFixed(0)}% of the median).`,
    );
  }
  reportTable(
    title,
    description,
    ['run', 'target', 'operation', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
    rows,
    [
      ...ratioNotes,
      errorNotes.length > 0 ? `First errors: ${errorNotes.join('; ')}.` : 'No errors.',
      `Requests sent while an identical one was in flight: ${repeats}${settings.only === 'typename' ? ' (`{ __typename }` has no variables: only the caller differs)' : ''}.`,
      targetsNote(runs, gateways),
    ].join(' '),
  );

  // CPU per request of every process, per run.
  const cpuRows = all.map((run) => {
    const requests = requestsOf(run.figures);
    return [
      `round ${run.round}`,
      run.figures.target,
      String(rate(requests, run.figures.seconds)),
      ...PROCESS_COLUMNS.map((name) =>
        name === 'gateway' && run.figures.target === 'subgraphs direct' ? '–' : ms(run.cpu[name], requests),
      ),
      cpuPerRequest(run).toFixed(2),
      (run.others / run.figures.seconds).toFixed(2),
    ];
  });
  const [crm, memory, knowledge, chat] = platform.services;
  const knowledgePid = knowledge?.child.pid ?? 0;
  const chromaPeak = treePeakRssMb(knowledgePid) - (knowledge?.peakRssMb() ?? 0);
  const redisPeak = platform.redis.pid ? treePeakRssMb(platform.redis.pid) : 0;
  const rss = [
    ...gateways.map((gateway) => `${gateway.name} ${gateway.process.peakRssMb().toFixed(0)}`),
    ...[crm, memory, knowledge, chat].map((service) => `${service?.name ?? ''} ${(service?.peakRssMb() ?? 0).toFixed(0)}`),
    `Chroma ${chromaPeak.toFixed(0)}`,
    `Redis ${redisPeak.toFixed(0)}`,
    `load generator ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`,
  ];
  reportTable(
    `${title}: CPU per request`,
    `The runs above: CPU milliseconds (user + system, from /proc/<pid>/stat) each process used during a run, divided by the requests the run answered. gateway: every process of the gateway under test (none when the load goes straight at the subgraphs, where the load generator makes each operation's subgraph fetches and merges them itself); PostgreSQL: the backends serving this run's two databases; Chroma: the knowledge service's child. "platform" sums every process but the load generator. "others" is the CPU the rest of the machine used meanwhile (other sessions on this shared machine), in cores: the noise.`,
    ['run', 'target', 'req/s', ...PROCESS_COLUMNS.map((name) => `${name} ms`), 'platform ms', 'others (cores)'],
    cpuRows,
    `Peak RSS (MB; gateways summed over their processes, for the whole benchmark): ${rss.join(', ')}. ${settings.profile ? `CPU profiles of every service in ${settings.profile}.` : ''}`,
  );
}

function targetsNote(runs: Map<string, MeasuredRun[]>, gateways: RunningGateway[]): string {
  const notes: string[] = [];
  if (runs.has('ours'))
    notes.push(
      `Ours: NODE_ENV=production, ${benchWorkers} worker process(es) (BENCH_WORKERS; Hive gets as many), verifies every session token or API key and signs an identity per subgraph.`,
    );
  if (gateways.some((gateway) => gateway.name === 'Hive Gateway'))
    notes.push(`${hiveSetup()} It verifies nothing: its clients send the signed identities (one per subgraph) that it forwards.`);
  if (runs.has('subgraphs direct'))
    notes.push(
      "Subgraphs direct: each operation's subgraph fetches (the crm's, then memory's `_entities` for the clients it listed) sent by the load generator with the caller's signed identity: the limit a gateway approaches.",
    );
  return notes.join(' ');
}
