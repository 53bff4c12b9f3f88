import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVICE_NODE_FLAGS } from '@nusa/platform';
import { killGroup, stopGroup, trackGroup, untrackGroup } from './process-group.js';
import type { Exit } from './supervision.js';
import type { Run } from './supervisor.js';

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

/** The port each service will listen on: its variable in `env`, or its default. */
export function portOf(spec: ServiceSpec, env: NodeJS.ProcessEnv): number {
  return Number(env[spec.portVariable] ?? spec.port);
}

/**
 * What is wrong with the services' ports, or undefined: two services given one port would each
 * pass the other's health check while one of them cannot listen.
 */
export function portClash(services: readonly ServiceSpec[], env: NodeJS.ProcessEnv): string | undefined {
  const owners = new Map<number, ServiceSpec>();
  for (const spec of services) {
    const port = portOf(spec, env);
    const owner = owners.get(port);
    if (owner) return `${owner.name} (${owner.portVariable}) and ${spec.name} (${spec.portVariable}) are both given port ${port}`;
    owners.set(port, spec);
  }
  return undefined;
}

/** Whether something listens on `port` already, tried as a service listens (every interface). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

/**
 * Resolves once `url` answers 200, polled every 250 ms; rejects when `exited` settles first or
 * `timeoutMs` passes. Unlike the shared `waitUntilHealthy`, it stops polling the moment it settles:
 * a restart that dies early leaves no poller behind.
 */
export async function answersHealth(url: string, exited: Promise<unknown>, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (gone) throw new Error('exited before it became healthy');
    if (Date.now() >= deadline) throw new Error(`did not answer ${url} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Options of {@link startService}. */
export interface StartServiceOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  /** The port it listens on, whose `/health` says it is up. */
  port: number;
  healthTimeoutMs: number;
  write: (line: string) => void;
}

/**
 * Spawns a service, its output prefixed with its name. It leads a process group of its own, so
 * that what it starts (the knowledge subgraph's Chroma) ends with it, even when it is SIGKILLed.
 */
export function startService(spec: ServiceSpec, options: StartServiceOptions): Run {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, join(options.root, spec.entry)], {
    cwd: options.root,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  trackGroup(child.pid);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => options.write(`[${spec.name}] ${line}`));
  }
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      options.write(`${spec.name} could not be spawned: ${error.message}`);
      resolve({ code: null, signal: null });
    });
  });
  // Whatever is left of its group once it is gone would be an orphan holding a port or a data folder.
  void exited.then(() => {
    killGroup(child.pid, 'SIGKILL');
    untrackGroup(child.pid);
  });
  const ready = answersHealth(`http://127.0.0.1:${options.port}/health`, exited, options.healthTimeoutMs);
  ready.catch(() => undefined);
  return {
    pid: child.pid,
    exited,
    ready,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => stopGroup(child, exited),
  };
}
