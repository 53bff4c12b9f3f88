import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { KEEP_ALIVE_TIMEOUT_MS } from '@nusa/platform';
import { processTree } from '@nusa/platform/testing';
import { treeRssMb } from '../processes.js';
import { COMPONENTS, type Component, type SoakPlatform } from './platform.js';

/** What is measured per process: the components, the launcher and the soak client itself. */
export type Measured = Component | 'launcher' | 'soak client';

export interface RssSample {
  at: number;
  name: Measured;
  pid: number;
  rssMb: number;
  /** A Node service's V8 heap, when its metrics answered. */
  heap?: HeapSample;
}

function pidsOf(platform: SoakPlatform): [Measured, number | undefined][] {
  return [
    ...COMPONENTS.map((name): [Measured, number | undefined] => [name, platform.pid(name)]),
    ['launcher', platform.launcherPid],
    ['soak client', process.pid],
  ];
}

function ownRssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function treePssMb(pid: number): number {
  return processTree(pid).reduce((sum, member) => {
    try {
      return sum + Number(/Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);
}

/** The resident memory of every process (with what it started), now. */
export function sampleRss(platform: SoakPlatform, at: number): RssSample[] {
  const samples: RssSample[] = [];
  for (const [name, pid] of pidsOf(platform)) {
    if (pid === undefined) continue;
    // The launcher and the soak client are counted alone: what they started is measured as its own component.
    // PostgreSQL's backends share its buffers, which RSS counts in each of them: its PSS is summed instead.
    const rssMb = name === 'launcher' || name === 'soak client' ? ownRssMb(pid) : name === 'postgres' ? treePssMb(pid) : treeRssMb(pid);
    if (rssMb > 0) samples.push({ at, name, pid, rssMb });
  }
  return samples;
}

/** What a Node service's V8 heap held at a sample, in MB (prom-client's default series). */
export interface HeapSample {
  /** Committed, every space. */
  totalMb: number;
  /** Committed by the young generation (its semi-spaces grow as V8 sizes them). */
  newMb: number;
  /** Objects in the old generation: what lives on, and where a leak of objects accumulates. */
  oldUsedMb: number;
}

/** One series of a Prometheus scrape in MB: the first line of `name` whose labels include `label` (services add their own). */
function metricMb(scrape: string, name: string, label?: string): number | undefined {
  for (const match of scrape.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`, 'gm'))) {
    if (label !== undefined && !(match[1] ?? '').split(',').includes(label)) continue;
    const value = Number(match[2]);
    return Number.isFinite(value) ? value / 1024 / 1024 : undefined;
  }
  return undefined;
}

/** The heap figures of a Prometheus scrape of a Node service, or undefined if it lacks one of them. */
export function heapOfMetrics(scrape: string): HeapSample | undefined {
  const totalMb = metricMb(scrape, 'nodejs_heap_size_total_bytes');
  const newMb = metricMb(scrape, 'nodejs_heap_space_size_total_bytes', 'space="new"');
  const oldUsedMb = metricMb(scrape, 'nodejs_heap_space_size_used_bytes', 'space="old"');
  return totalMb === undefined || newMb === undefined || oldUsedMb === undefined ? undefined : { totalMb, newMb, oldUsedMb };
}

async function heapOf(url: string): Promise<HeapSample | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return heapOfMetrics(await response.text());
  } catch {
    return undefined;
  }
}

/**
 * {@link sampleRss}, with each Node service's committed V8 heap beside its RSS (from its `/metrics`),
 * so that growth can be told apart: the heap sizing itself (or a leak of objects) against memory
 * outside it (buffers, native allocations).
 */
export async function sampleMemory(platform: SoakPlatform, at: number): Promise<RssSample[]> {
  const samples = sampleRss(platform, at);
  await Promise.all(
    samples.map(async (sample) => {
      const url = sample.name === 'launcher' || sample.name === 'soak client' ? undefined : platform.metricsUrl(sample.name);
      const heap = url ? await heapOf(url) : undefined;
      if (heap) sample.heap = heap;
    }),
  );
  return samples;
}

/** How one run of a process (one pid) grew after the warm-up. */
export interface Growth {
  name: Measured;
  pid: number;
  samples: number;
  minutes: number;
  firstMb: number;
  lastMb: number;
  /** Least-squares slope, MB per minute. */
  slopeMbPerMin: number;
  /** The last minute's mean over the first minute's mean, in per cent. */
  growthPct: number;
  /** The V8 heap over the same windows, first and last (Node services whose metrics answered in them). */
  heap?: { first: HeapSample; last: HeapSample };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function meanHeap(samples: RssSample[]): HeapSample | undefined {
  const heaps = samples.flatMap((sample) => (sample.heap ? [sample.heap] : []));
  if (heaps.length === 0) return undefined;
  return {
    totalMb: mean(heaps.map((heap) => heap.totalMb)),
    newMb: mean(heaps.map((heap) => heap.newMb)),
    oldUsedMb: mean(heaps.map((heap) => heap.oldUsedMb)),
  };
}

/**
 * Per process, its longest run after the warm-up, and how it grew over it. Every run gets the same
 * warm-up: a process started with the platform is measured from `fromMs`, one restarted by a fault
 * from `warmUpMs` after its first sample (its caches, JIT and heap fill as the first one's did
 * before `fromMs`).
 */
export function growthAfter(samples: RssSample[], fromMs: number, warmUpMs = fromMs): Growth[] {
  const firstSeen = new Map<string, number>();
  const runs = new Map<string, RssSample[]>();
  for (const sample of samples) {
    const key = `${sample.name}\n${sample.pid}`;
    const started = firstSeen.get(key) ?? sample.at;
    firstSeen.set(key, started);
    if (sample.at < Math.max(fromMs, started + warmUpMs)) continue;
    runs.set(key, [...(runs.get(key) ?? []), sample]);
  }
  const longest = new Map<Measured, RssSample[]>();
  for (const run of runs.values()) {
    const name = run[0]?.name;
    if (!name) continue;
    if (run.length > (longest.get(name)?.length ?? 0)) longest.set(name, run);
  }
  return [...longest.entries()].map(([name, run]) => {
    const t0 = run[0]?.at ?? 0;
    const xs = run.map((sample) => (sample.at - t0) / 60_000);
    const ys = run.map((sample) => sample.rssMb);
    const mx = mean(xs);
    const my = mean(ys);
    const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    const slope = variance === 0 ? 0 : xs.reduce((sum, x, index) => sum + (x - mx) * ((ys[index] ?? 0) - my), 0) / variance;
    const window = Math.max(1, Math.min(6, Math.floor(run.length / 3)));
    const first = mean(ys.slice(0, window));
    const last = mean(ys.slice(-window));
    const heapFirst = meanHeap(run.slice(0, window));
    const heapLast = meanHeap(run.slice(-window));
    return {
      ...(heapFirst && heapLast ? { heap: { first: heapFirst, last: heapLast } } : {}),
      name,
      pid: run[0]?.pid ?? 0,
      samples: run.length,
      minutes: xs[xs.length - 1] ?? 0,
      firstMb: first,
      lastMb: last,
      slopeMbPerMin: slope,
      growthPct: first === 0 ? 0 : ((last - first) / first) * 100,
    };
  });
}

/** How long the soak idles after the read-back before it counts the handles again: past the servers' keep-alive. */
export const IDLE_BEFORE_HANDLES_MS = KEEP_ALIVE_TIMEOUT_MS + 10_000;

/** Open file descriptors, connections to Redis and to PostgreSQL: at the start and at the end. */
export interface Handles {
  fds: Partial<Record<Measured, number>>;
  redisClients: number;
  /** Connections to the platform's database (the soak's own measuring connection is to another one). */
  postgresConnections: number;
}

function fdsOf(pid: number, alone: boolean): number {
  return (alone ? [pid] : processTree(pid)).reduce((sum, member) => {
    try {
      return sum + readdirSync(`/proc/${member}/fd`).length;
    } catch {
      return sum;
    }
  }, 0);
}

export async function measureHandles(platform: SoakPlatform): Promise<Handles> {
  const fds: Partial<Record<Measured, number>> = {};
  for (const [name, pid] of pidsOf(platform)) if (pid !== undefined && name !== 'soak client') fds[name] = fdsOf(pid, name === 'launcher');
  const redis = new Redis(platform.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let redisClients = -1;
  try {
    await redis.connect();
    const list = (await redis.client('LIST')) as string;
    // Not counting this connection.
    redisClients = list.trim().split('\n').filter(Boolean).length - 1;
  } finally {
    redis.disconnect();
  }
  const database = new pg.Client({ connectionString: platform.databaseUrl.replace(/\/nusa$/, '/postgres') });
  let postgresConnections = -1;
  try {
    await database.connect();
    const rows = await database.query<{ count: string }>("select count(*) from pg_stat_activity where datname = 'nusa'");
    postgresConnections = Number(rows.rows[0]?.count ?? -1);
  } finally {
    await database.end();
  }
  return { fds, redisClients, postgresConnections };
}
