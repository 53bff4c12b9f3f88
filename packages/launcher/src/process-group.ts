import type { ChildProcess } from 'node:child_process';

/** The process groups of the services now running, for the last-resort kill when the launcher exits. */
const groups = new Set<number>();

/**
 * Sends `signal` to every process of the group `pid` leads (a child spawned with `detached`).
 * A group that is already gone is no error.
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Asks the group's leader to stop (SIGTERM: it stops what it started itself), then kills whatever
 * is left of the group; after `graceMs`, kills the whole group.
 */
export async function stopGroup(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  killGroup(child.pid, 'SIGKILL');
}

/** Records a group whose leader runs, to kill if the launcher exits first. */
export function trackGroup(pid: number | undefined): void {
  if (pid !== undefined) groups.add(pid);
}

/** Forgets a group once its leader is gone: its number may then be given to another process. */
export function untrackGroup(pid: number | undefined): void {
  if (pid !== undefined) groups.delete(pid);
}

/** Kills every tracked group: for `process.on('exit')`, when the launcher ends without stopping them. */
export function killEveryGroup(): void {
  for (const pid of [...groups]) killGroup(pid, 'SIGKILL');
}
