import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NODE_FLAGS, waitUntilHealthy } from '@nusa/platform';
import { processTree } from '@nusa/platform/testing';

/** Rate-limit budgets no benchmark reaches, so the limiter is measured but never refuses. */
export const BENCH_BUDGETS = {
  RATE_LIMIT_GLOBAL_PER_MINUTE: '100000000',
  RATE_LIMIT_API_PER_MINUTE: '100000000',
  RATE_LIMIT_STRICT_PER_MINUTE: '100000',
};

export const root = join(__dirname, '..', '..');

/** A platform process started for a benchmark, and its peak resident memory so far. */
export interface BenchProcess {
  name: string;
  child: ChildProcess;
  /** Peak resident memory of the process (with `countChildren`, the largest sum seen over it and its descendants). */
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

/** How a process is started: arguments after the entry script, and its working directory. */
export interface StartOptions {
  args?: string[];
  /** Options for node itself, before the entry script (`--cpu-prof`, say), after the deployed flags. */
  nodeArgs?: string[];
  cwd?: string;
  /** Count the memory of child processes too (cluster workers; not a child database or vector store). Default: false. */
  countChildren?: boolean;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The sum of the peak resident sets (VmHWM, the kernel's high-water mark) of a process and its descendants. */
export function treePeakRssMb(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + statusField(member, 'VmHWM'), 0);
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds each named group of processes uses from now until the returned reading is taken. A group
 * is the processes listed now: pass `processTree(pid)` to count a process's children with it.
 */
export function cpuMeter<Name extends string>(groups: Record<Name, number[]>): () => Record<Name, number> {
  const used = () =>
    Object.fromEntries(Object.entries<number[]>(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)]));
  const before = used();
  return () =>
    Object.fromEntries(Object.entries(used()).map(([name, seconds]) => [name, seconds - (before[name] ?? 0)])) as Record<Name, number>;
}

/**
 * The pid of a running program by name, from /proc (for a system service such as redis-server); undefined
 * when none. /proc lists processes by pid, so for PostgreSQL this is the oldest one: the postmaster.
 */
export function pidOf(program: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === program) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}

/** Busy CPU seconds of the whole machine so far (every core: user, nice, system, interrupts, steal), from /proc/stat. */
export function machineBusySeconds(): number {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields.map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

/** The sum of the current resident sets of a process and its descendants. */
export function treeRssMb(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + statusField(member, 'VmRSS'), 0);
}

export async function startProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  healthUrl: string,
  options: StartOptions = {},
): Promise<BenchProcess> {
  // Every Node process runs with the flags the services are deployed with, unless BENCH_NODE_ARGS_<NAME> replaces
  // them: BENCH_NODE_ARGS_CHAT="--cpu-prof --cpu-prof-dir=prof", say, profiles the chat subgraph (without them).
  const fromEnv = process.env[`BENCH_NODE_ARGS_${name.toUpperCase().replace(/\W+/g, '_')}`]?.split(' ').filter(Boolean);
  const nodeArgs = [...(fromEnv ?? SERVICE_NODE_FLAGS), ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, join(root, entry), ...(options.args ?? [])], {
    // Load from one client is not abuse: budgets far above any benchmark's rate (the limits still run).
    env: { ...process.env, LOG_LEVEL: 'warn', ...BENCH_BUDGETS, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: options.cwd,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilHealthy(healthUrl, exited, 60_000, 200).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  let peak = 0;
  return {
    name,
    child,
    peakRssMb: () => {
      // Workers' peaks vanish with them, so the largest sum seen is kept.
      if (child.pid !== undefined && child.exitCode === null) {
        peak = Math.max(peak, options.countChildren ? treePeakRssMb(child.pid) : statusField(child.pid, 'VmHWM'));
      }
      return peak;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      // Hive Gateway's primary with --fork waits for workers that may not stop: after 15 s the whole tree is killed.
      const tree = child.pid === undefined ? [] : processTree(child.pid);
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          for (const pid of tree) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // Already gone.
            }
          }
          resolve();
        }, 15_000);
      });
      await Promise.race([exited, killed]);
      clearTimeout(timer);
      await exited;
    },
  };
}
