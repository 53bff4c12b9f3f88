import { resolveSecrets, type Caller } from '@nusa/platform';
import { createTestDatabase, freePort } from '@nusa/platform/testing';
import { freshIdentity } from './identity.js';
import { loadChecked, median, type Measured } from './load.js';
import { cpuMeter, pidOf, startProcess, type BenchProcess } from './processes.js';
import { reportTable } from './report.js';

const QUERY = '{ clients(first: 50) { edges { node { fullName practices { type status assignee { name } } } } } }';
const BODY = JSON.stringify({ query: QUERY });
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
/** The Redis the "guards on, Redis" gateway counts in; `BENCH_REDIS_URL=` (empty) leaves that variant out. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

/** One gateway set-up measured in turn with the others. */
interface Variant {
  label: string;
  env: Record<string, string>;
  gateway?: BenchProcess;
  url?: string;
  expected?: string;
  runs: Measured[];
  /** Per run: CPU microseconds per request of the gateway, and of the Redis server. */
  cpu: { gateway: number; redis: number }[];
}

async function checkedSample(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: BODY });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: { clients: { edges: unknown[] } }; errors?: unknown };
  if (response.status !== 200 || body.errors || body.data?.clients.edges.length !== 50)
    throw new Error(`unexpected response from ${url}: ${text.slice(0, 300)}`);
  return text;
}

async function redisAnswers(url: string): Promise<boolean> {
  if (!url) return false;
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * `bench:crm`: the hardening's price. The same gateway build with the guards off (`GUARDS=off`: no rate
 * limits, query-shape limits or per-operation metrics), on, and on with its rate limits and JWT deny-list
 * in Redis, measured in alternating runs (off, on, on+Redis, off, ...) so drift hits all alike; then the
 * crm straight. JWT verification and the signed identity run in every variant.
 */
async function main(): Promise<void> {
  const database = await createTestDatabase('bench_crm');
  const crmPort = await freePort();
  const processes: BenchProcess[] = [];
  try {
    const crm = await startProcess(
      'crm',
      'subgraphs/crm/dist/index.js',
      { DATABASE_URL: database.url, CRM_PORT: String(crmPort) },
      `http://127.0.0.1:${crmPort}/health`,
    );
    processes.push(crm);
    const crmUrl = `http://127.0.0.1:${crmPort}/graphql`;
    const withRedis = await redisAnswers(REDIS_URL);
    const variants: Variant[] = [
      { label: 'guards off', env: { GUARDS: 'off' }, runs: [], cpu: [] },
      { label: 'guards on', env: { GUARDS: 'on' }, runs: [], cpu: [] },
      ...(withRedis ? [{ label: 'guards on, Redis', env: { GUARDS: 'on', REDIS_URL }, runs: [], cpu: [] }] : []),
    ];
    for (const variant of variants) {
      const port = await freePort();
      variant.gateway = await startProcess(
        `gateway (${variant.label})`,
        'gateway/dist/index.js',
        { PORT: String(port), CRM_URL: crmUrl, ...variant.env },
        `http://127.0.0.1:${port}/health`,
      );
      processes.push(variant.gateway);
      variant.url = `http://127.0.0.1:${port}/graphql`;
    }

    const first = variants[0]?.url ?? '';
    const login = await fetch(first, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(email: "admin@localhost", password: "admin") { token member { id name email role } } }',
      }),
    });
    const { data } = (await login.json()) as {
      data: { login: { token: string; member: { id: string; name: string; email: string; role: 'ADMIN' } } };
    };
    const bearer = { authorization: `Bearer ${data.login.token}` };
    const caller: Caller = { kind: 'member', ...data.login.member };
    const { internalSecret } = resolveSecrets({ NODE_ENV: 'development' });

    for (const variant of variants) variant.expected = await checkedSample(variant.url ?? '', bearer);
    if (new Set(variants.map((variant) => variant.expected)).size !== 1) throw new Error('the variants answered differently');
    const run = (variant: Variant, seconds: number) =>
      loadChecked({
        target: variant.label,
        url: variant.url ?? '',
        headers: bearer,
        body: BODY,
        expectedBody: variant.expected ?? '',
        seconds,
        connections: CONNECTIONS,
      });
    process.stdout.write(`warming up (5 s each) ...\n`);
    for (const variant of variants) await run(variant, 5);
    for (let pair = 1; pair <= PAIRS; pair += 1) {
      process.stdout.write(`round ${pair} of ${PAIRS}: ${DURATION} s per variant at ${CONNECTIONS} connections ...\n`);
      for (const variant of variants) {
        const redisPid = pidOf('redis-server');
        const meter = cpuMeter({ gateway: [variant.gateway?.child.pid ?? 0], redis: redisPid ? [redisPid] : [] });
        const measured = await run(variant, DURATION);
        const used = meter();
        const perRequest = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, measured.requests));
        const cpu = { gateway: perRequest(used.gateway), redis: perRequest(used.redis) };
        variant.runs.push(measured);
        variant.cpu.push(cpu);
        process.stdout.write(
          `  ${variant.label}: ${measured.requestsPerSecond} req/s, p95 ${measured.p95} ms, CPU per request: gateway ${cpu.gateway} µs, Redis ${cpu.redis} µs\n`,
        );
      }
    }
    const identity = freshIdentity(caller, internalSecret, 'crm');
    const direct = await loadChecked({
      target: 'crm direct (no gateway)',
      url: crmUrl,
      headers: identity,
      body: BODY,
      expectedBody: await checkedSample(crmUrl, identity()),
      seconds: DURATION,
      connections: CONNECTIONS,
    });

    const [off, ...on] = variants as [Variant, ...Variant[]];
    const costOf = (variant: Variant) =>
      variant.runs.map(
        (measured, index) => 1 - measured.requestsPerSecond / (off.runs[index]?.requestsPerSecond ?? measured.requestsPerSecond),
      );
    const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
    const rows = variants.flatMap((variant) =>
      variant.runs.map((m, index) => [
        `round ${index + 1}`,
        variant.label,
        String(m.requestsPerSecond),
        String(m.p50),
        String(m.p95),
        String(m.p99),
        String(m.errors),
        String(variant.cpu[index]?.gateway ?? ''),
        String(variant.cpu[index]?.redis ?? ''),
        variant === off ? '' : percent(costOf(variant)[index] ?? 0),
      ]),
    );
    rows.push([
      '',
      direct.target,
      String(direct.requestsPerSecond),
      String(direct.p50),
      String(direct.p95),
      String(direct.p99),
      String(direct.errors),
      '',
      '',
      '',
    ]);
    const cpuOf = (variant: Variant) => median(variant.cpu.map((cpu) => cpu.gateway + cpu.redis));
    const summary = on.map((variant) => {
      const p95 = median(variant.runs.map((m) => m.p95)) / median(off.runs.map((m) => m.p95));
      return `**${variant.label}: median throughput cost ${percent(median(costOf(variant)))}** (rounds: ${costOf(variant).map(percent).join(', ')}), median p95 ${median(variant.runs.map((m) => m.p95))} ms vs ${median(off.runs.map((m) => m.p95))} ms off (×${p95.toFixed(2)}); CPU per request (gateway + Redis server) ${cpuOf(variant)} µs vs ${cpuOf(off)} µs off (${percent(cpuOf(variant) / cpuOf(off) - 1)}).`;
    });
    const rss = processes.map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ');
    reportTable(
      'bench:crm',
      `The hardening's cost. Query: \`${QUERY}\` as the signed-in admin (JWT verified, identity signed in every variant); ${CONNECTIONS} connections, ${DURATION} s per run after a 5 s warm-up, ${PAIRS} rounds alternating guards off (\`GUARDS=off\`), guards on (rate limits in process, query depth/alias/cost limits, per-operation metrics)${withRedis ? ', and guards on with `REDIS_URL` (rate limits and the JWT deny-list in Redis)' : ' (no Redis answered at BENCH_REDIS_URL, so no Redis variant)'}; every response compared byte for byte with a checked sample.`,
      ['round', 'gateway', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'gateway CPU µs/req', 'Redis CPU µs/req', 'cost vs off'],
      rows,
      [
        ...summary,
        'The gateway shares one execution among identical queries in flight, so here its per-request work is small and the guards weigh as much as they ever will.',
        `Peak RSS: ${rss}.`,
      ].join(' '),
    );
  } finally {
    for (const p of processes.reverse()) await p.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
