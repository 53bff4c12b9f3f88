import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A platform process the launcher runs. */
export interface ServiceSpec {
  name: string;
  /** The compiled entry point, relative to the repository root. */
  entry: string;
  port: number;
  /** The variable that sets its port. */
  portVariable: string;
}

/** Subgraphs first (the gateway's readiness depends on them), the gateway last. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'crm', entry: 'subgraphs/crm/dist/index.js', port: 4001, portVariable: 'CRM_PORT' },
  { name: 'memory', entry: 'subgraphs/memory/dist/index.js', port: 4002, portVariable: 'MEMORY_PORT' },
  { name: 'knowledge', entry: 'subgraphs/knowledge/dist/index.js', port: 4003, portVariable: 'KNOWLEDGE_PORT' },
  { name: 'chat', entry: 'subgraphs/chat/dist/index.js', port: 4004, portVariable: 'CHAT_PORT' },
  { name: 'gateway', entry: 'gateway/dist/index.js', port: 4000, portVariable: 'PORT' },
];

/** The services whose code exists in this checkout. */
export function presentServices(root: string): ServiceSpec[] {
  return SERVICES.filter((service) => existsSync(join(root, service.entry)));
}

/** A running child and a promise of its exit. */
export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Spawns a service with `env`, its output prefixed with its name. */
export function spawnService(root: string, spec: ServiceSpec, env: NodeJS.ProcessEnv, write: (line: string) => void): RunningService {
  const child = spawn(process.execPath, [join(root, spec.entry)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => write(`[${spec.name}] ${line}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { spec, child, exited };
}

/** Sends SIGTERM, then SIGKILL after `graceMs` if the process is still there. */
export async function stopService(service: RunningService, graceMs = 10_000): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}
