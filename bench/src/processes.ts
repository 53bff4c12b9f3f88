import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

/** A platform process started for a benchmark, and its peak resident memory so far. */
export interface BenchProcess {
  name: string;
  child: ChildProcess;
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

export async function startProcess(name: string, entry: string, env: NodeJS.ProcessEnv, healthUrl: string): Promise<BenchProcess> {
  const child = spawn(process.execPath, [join(root, entry)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    // VmHWM is the kernel's high-water mark of the resident set.
    peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
