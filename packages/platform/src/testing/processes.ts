import { readFileSync } from 'node:fs';

/** A process and its descendants, from /proc (Linux); just the pid once it has exited. */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // The process has exited.
  }
  return [pid, ...children.flatMap(processTree)];
}
