import { isDeepStrictEqual } from 'node:util';
import type { RunningGateway } from './gateways.js';
import { loadChecked, median, type Measured } from './load.js';
import { reportTable } from './report.js';

/** A gateway in a comparison and the headers its clients send (computed afresh before each run). */
export interface Contender {
  gateway: RunningGateway;
  headers: () => Record<string, string>;
}

/** A side-by-side comparison of our gateway and a peer on one operation. */
export interface Comparison {
  title: string;
  description: string;
  /** The request body every client sends. */
  body: string;
  /** Throws when a response's data is not what the operation must answer. */
  checkData: (data: unknown) => void;
  ours: Contender;
  theirs: Contender;
  /** The same fetches straight at the subgraphs, measured after the pairs. */
  direct?: () => Promise<Measured>;
  /** What the footer adds about the setup. */
  notes: string[];
}

export const settings = {
  pairs: Number(process.env.BENCH_PAIRS ?? 3),
  seconds: Number(process.env.BENCH_DURATION ?? 20),
  warmUpSeconds: Number(process.env.BENCH_WARMUP ?? 10),
};

/**
 * Sends the operation `count` times (half of them at once) and checks every answer: HTTP 200, no
 * `errors`, the expected data, and byte-for-byte the same body each time. Returns that body.
 */
async function checkedSample(contender: Contender, body: string, checkData: (data: unknown) => void, count = 10): Promise<string> {
  const send = async () => {
    const response = await fetch(contender.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...contender.headers() },
      body,
    });
    const text = await response.text();
    const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (response.status !== 200 || parsed.errors || !parsed.data) {
      throw new Error(`${contender.gateway.name} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
    }
    checkData(parsed.data);
    return text;
  };
  const sequential: string[] = [];
  for (let index = 0; index < count / 2; index += 1) sequential.push(await send());
  const concurrent = await Promise.all(Array.from({ length: count / 2 }, send));
  const [first, ...rest] = [...sequential, ...concurrent];
  if (!first || rest.some((text) => text !== first)) throw new Error(`${contender.gateway.name} answered the same operation differently`);
  return first;
}

const format = (value: number) => value.toFixed(2);

/** Runs ours and theirs in alternating pairs after checking both, and reports the runs and ratios. */
export async function comparePairs(comparison: Comparison, connections: number): Promise<void> {
  const { ours, theirs, body, checkData } = comparison;
  const expected = new Map<Contender, string>();
  for (const contender of [ours, theirs]) expected.set(contender, await checkedSample(contender, body, checkData));
  const dataOf = (contender: Contender) => (JSON.parse(expected.get(contender) ?? '{}') as { data: unknown }).data;
  if (!isDeepStrictEqual(dataOf(ours), dataOf(theirs))) throw new Error('the two gateways answered with different data');
  process.stdout.write(`both gateways answer alike; warming up ${settings.warmUpSeconds} s each ...\n`);

  const run = (contender: Contender, target: string, seconds: number) =>
    loadChecked({
      target,
      url: contender.gateway.url,
      headers: contender.headers(),
      body,
      expectedBody: expected.get(contender) ?? '',
      seconds,
      connections,
    });
  for (const contender of [ours, theirs]) await run(contender, 'warm-up', settings.warmUpSeconds);

  const pairs: { ours: Measured; theirs: Measured }[] = [];
  for (let pair = 1; pair <= settings.pairs; pair += 1) {
    process.stdout.write(`pair ${pair} of ${settings.pairs}: ${settings.seconds} s each at ${connections} connections ...\n`);
    const measuredOurs = await run(ours, ours.gateway.name, settings.seconds);
    const measuredTheirs = await run(theirs, theirs.gateway.name, settings.seconds);
    process.stdout.write(
      `  ours ${measuredOurs.requestsPerSecond} req/s, theirs ${measuredTheirs.requestsPerSecond} req/s, ratio ${format(measuredOurs.requestsPerSecond / measuredTheirs.requestsPerSecond)}\n`,
    );
    pairs.push({ ours: measuredOurs, theirs: measuredTheirs });
  }
  const direct = comparison.direct ? await comparison.direct() : undefined;

  const ratios = pairs.map((pair) => pair.ours.requestsPerSecond / pair.theirs.requestsPerSecond);
  const p95Ratios = pairs.map((pair) => pair.ours.p95 / pair.theirs.p95);
  const errors = (side: 'ours' | 'theirs') => pairs.reduce((sum, pair) => sum + pair[side].errors, 0);
  const rss = (contender: Contender) => contender.gateway.process.peakRssMb();
  const row = (label: string, m: Measured, ratio?: number) => [
    label,
    m.target,
    String(m.requestsPerSecond),
    String(m.p50),
    String(m.p95),
    String(m.p99),
    String(m.errors),
    ratio === undefined ? '' : format(ratio),
  ];
  const rows = pairs.flatMap((pair, index) => [row(`pair ${index + 1}`, pair.ours, ratios[index]), row(`pair ${index + 1}`, pair.theirs)]);
  if (direct) rows.push(row('no gateway', direct));
  reportTable(
    comparison.title,
    `${comparison.description} ${connections} connections, ${settings.seconds} s per run after a ${settings.warmUpSeconds} s warm-up each, ${settings.pairs} pairs run ours then theirs; every response is compared byte for byte with a checked sample (no \`errors\`, the expected data), mismatches count as errors.`,
    ['run', 'target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'ours/theirs'],
    rows,
    [
      `**Ours/theirs throughput: median ${format(median(ratios))}** (pairs: ${ratios.map(format).join(', ')}; spread ${format(Math.min(...ratios))}–${format(Math.max(...ratios))}). ` +
        `p95 latency ours/theirs: median ${format(median(p95Ratios))}. Errors: ours ${errors('ours')}, theirs ${errors('theirs')}. ` +
        `Peak RSS (sum over the gateway's processes): ours ${rss(ours).toFixed(0)} MB, theirs ${rss(theirs).toFixed(0)} MB.` +
        (direct
          ? ` No gateway: the same subgraph fetches replayed straight at the subgraphs for every request, ${direct.requestsPerSecond} req/s; both gateways pass it because they run identical queries in flight once (the published benchmark's Hive setting, and ours always), which the replay does not.`
          : ''),
      ...comparison.notes,
    ].join(' '),
  );
}
