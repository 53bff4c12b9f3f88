import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { SERVICE_NODE_FLAGS } from '@nusa/platform';
import { freePort } from '@nusa/platform/testing';
import { BENCH_BUDGETS, root } from '../processes.js';

/** The glibc runtime Chroma runs on here, from the knowledge subgraph's build (as bench/src/kb.ts starts that subgraph). */
async function ensureChromaRuntime(): Promise<{ loader: string; libraryPath: string }> {
  const built = join(root, 'subgraphs', 'knowledge', 'dist', 'chroma', 'glibc-runtime.js');
  const { ensureGlibcRuntime } = (await import(built)) as {
    ensureGlibcRuntime: (dir: string) => Promise<{ loader: string; libraryPath: string }>;
  };
  return ensureGlibcRuntime(join(root, '.data', 'glibc'));
}

/** Everything the chaos schedule kills. */
export const COMPONENTS = ['crm', 'memory', 'knowledge', 'chat', 'gateway-a', 'gateway-b', 'redis', 'postgres', 'chroma'] as const;
export type Component = (typeof COMPONENTS)[number];

/** The services the launcher runs and reports the pids of, as it names them. */
const LAUNCHED: Partial<Record<string, Component>> = {
  postgres: 'postgres',
  crm: 'crm',
  memory: 'memory',
  knowledge: 'knowledge',
  chat: 'chat',
  gateway: 'gateway-a',
};

const SECRETS = {
  JWT_SECRET: 'soak-only-jwt-secret-0123456789abcdef',
  INTERNAL_SECRET: 'soak-only-internal-secret-0123456789abcdef',
};

const isUp = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    (response) => response.ok,
    () => false,
  );

function killPid(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * A process the soak keeps running itself (Redis, Chroma, the second gateway), as the launcher does
 * its services: an exit nobody asked for is logged and followed by a restart after 0.5 s.
 */
class Kept {
  child: ChildProcess | undefined;
  crashes = 0;
  private stopping = false;

  constructor(
    readonly name: Component,
    private readonly launch: () => ChildProcess,
    private readonly healthy: () => Promise<boolean>,
    private readonly log: (line: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = this.launch();
    this.child = child;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      if (this.stopping || child !== this.child) return;
      this.crashes += 1;
      this.log(`${this.name} exited (${signal ?? `code ${String(code)}`}, pid ${String(child.pid)}); restarting it in 0.5 s`);
      setTimeout(() => {
        if (!this.stopping) this.start().catch((error: unknown) => this.log(`${this.name} did not restart: ${String(error)}`));
      }, 500);
    });
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + 120_000;
    while (!(await this.healthy())) {
      if (gone || this.stopping) throw new Error(`${this.name} exited before it was healthy`);
      if (Date.now() > deadline) throw new Error(`${this.name} was not healthy within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    this.log(`${this.name} is up (pid ${String(child.pid)})`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Chroma ignores SIGTERM; the others lose nothing the soak still reads.
    killPid(child.pid, this.name === 'chroma' ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => killPid(child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The running platform: where it answers, the pid of each component now, and how to stop it. */
export interface SoakPlatform {
  gateways: { name: 'gateway-a' | 'gateway-b'; url: string }[];
  redisUrl: string;
  chromaUrl: string;
  databaseUrl: string;
  /** The pid each component has now (a restart changes it). */
  pid: (component: Component) => number | undefined;
  /** The launcher's own pid. */
  launcherPid: number | undefined;
  /** Where a Node service (a subgraph or a gateway) serves its Prometheus metrics; undefined for the others. */
  metricsUrl: (component: Component) => string | undefined;
  /** Lines the launcher and the soak's own supervision printed about crashes and restarts. */
  supervisionLines: () => string[];
  stop: () => Promise<void>;
}

/** Options of {@link startSoakPlatform}. */
export interface SoakPlatformOptions {
  dataDir: string;
  logDir: string;
  anthropicBaseUrl: string;
  /** Chat's STREAM_RETENTION_SECONDS. */
  streamRetentionSeconds: number;
  log: (line: string) => void;
}

function output(child: ChildProcess, file: WriteStream, prefix: string, onLine?: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      file.write(`${new Date().toISOString()} ${prefix}${line}\n`);
      onLine?.(line);
    });
  }
}

/**
 * Starts the platform for real: Redis and Chroma of its own, the launcher (`npm start`'s supervisor)
 * with an embedded PostgreSQL, the four subgraphs and the first gateway, and a second gateway on the
 * same subgraphs and Redis. Each process is a real one that SIGKILL ends.
 */
export async function startSoakPlatform(options: SoakPlatformOptions): Promise<SoakPlatform> {
  const { dataDir, logDir, log } = options;
  mkdirSync(logDir, { recursive: true });
  const logs = createWriteStream(join(logDir, 'processes.log'), { flags: 'a' });
  const supervision: string[] = [];
  const note = (line: string) => {
    supervision.push(`${new Date().toISOString()} ${line}`);
    log(line);
  };
  const ports = {
    redis: await freePort(),
    chroma: await freePort(),
    postgres: await freePort(),
    gatewayA: await freePort(),
    gatewayB: await freePort(),
    crm: await freePort(),
    memory: await freePort(),
    knowledge: await freePort(),
    chat: await freePort(),
  };
  const metricsPorts: Partial<Record<Component, number>> = {
    crm: ports.crm,
    memory: ports.memory,
    knowledge: ports.knowledge,
    chat: ports.chat,
    'gateway-a': ports.gatewayA,
    'gateway-b': ports.gatewayB,
  };
  const redisUrl = `redis://127.0.0.1:${ports.redis}`;
  const chromaUrl = `http://127.0.0.1:${ports.chroma}`;
  const kept: Kept[] = [];

  const redisDir = join(dataDir, 'redis');
  mkdirSync(redisDir, { recursive: true });
  // As the redis:7 image of docker-compose runs it: its default snapshots, no append-only file.
  const redis = new Kept(
    'redis',
    () => {
      const child = spawn('redis-server', ['--port', String(ports.redis), '--bind', '127.0.0.1', '--dir', redisDir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      output(child, logs, '[redis] ');
      return child;
    },
    async () => {
      const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    },
    note,
  );

  // This machine's glibc is too old for Chroma's binding: Debian 13's, fetched once as the knowledge subgraph does it.
  const { loader, libraryPath } = await ensureChromaRuntime();
  const chromaCli = join(root, 'node_modules', 'chromadb', 'dist', 'cli.mjs');
  const chromaDir = join(dataDir, 'chroma');
  mkdirSync(chromaDir, { recursive: true });
  const chroma = new Kept(
    'chroma',
    () => {
      const child = spawn(
        loader,
        ['--library-path', libraryPath, process.execPath, chromaCli, 'run', '--path', chromaDir, '--port', String(ports.chroma)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      output(child, logs, '[chroma] ');
      return child;
    },
    () => isUp(`${chromaUrl}/api/v2/heartbeat`),
    note,
  );

  const pids = new Map<Component, number>();
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    ...BENCH_BUDGETS,
    ...SECRETS,
    LOG_LEVEL: 'warn',
    REDIS_URL: redisUrl,
    CHROMA_URL: chromaUrl,
    ANTHROPIC_API_KEY: 'soak-fake-key',
    ANTHROPIC_BASE_URL: options.anthropicBaseUrl,
    STREAM_RETENTION_SECONDS: String(options.streamRetentionSeconds),
    CRM_PORT: String(ports.crm),
    MEMORY_PORT: String(ports.memory),
    KNOWLEDGE_PORT: String(ports.knowledge),
    CHAT_PORT: String(ports.chat),
  };
  delete shared.DATABASE_URL;
  delete shared.NODE_ENV;

  let launcher: ChildProcess | undefined;
  let launcherExited: Promise<number | null> = Promise.resolve(null);
  const stop = async () => {
    for (const unit of kept.filter((unit) => unit.name === 'gateway-b')) await unit.stop();
    if (launcher && launcher.exitCode === null) {
      launcher.kill('SIGINT');
      const timer = setTimeout(() => launcher?.kill('SIGKILL'), 60_000);
      await launcherExited;
      clearTimeout(timer);
    }
    for (const unit of kept.filter((unit) => unit.name !== 'gateway-b')) await unit.stop();
    logs.end();
  };

  try {
    kept.push(redis, chroma);
    await redis.start();
    await chroma.start();

    const launcherProcess = spawn(process.execPath, [join(root, 'packages', 'launcher', 'dist', 'index.js')], {
      cwd: root,
      env: { ...shared, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(ports.postgres), PORT: String(ports.gatewayA) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher = launcherProcess;
    launcherExited = new Promise((resolve) => launcherProcess.once('exit', (code) => resolve(code)));
    let running = false;
    output(launcherProcess, logs, '[launcher] ', (line) => {
      const started = /^(\w+) is (?:up|back) on \S+ \(pid (\d+)/.exec(line);
      const component = started ? LAUNCHED[started[1] ?? ''] : undefined;
      if (started && component) pids.set(component, Number(started[2]));
      if (/ crashed: | restarted \(| is back | giving up /.test(line)) note(`launcher: ${line}`);
      if (line.includes('The platform is running')) running = true;
    });
    const deadline = Date.now() + 240_000;
    while (!running) {
      if (launcherProcess.exitCode !== null) throw new Error(`the launcher exited (code ${launcherProcess.exitCode}); see ${logDir}`);
      if (Date.now() > deadline) throw new Error(`the launcher did not start within 240 s; see ${logDir}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const gatewayB = new Kept(
      'gateway-b',
      () => {
        const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, join(root, 'gateway', 'dist', 'index.js')], {
          cwd: root,
          env: {
            ...shared,
            PORT: String(ports.gatewayB),
            CRM_URL: `http://127.0.0.1:${ports.crm}/graphql`,
            MEMORY_URL: `http://127.0.0.1:${ports.memory}/graphql`,
            KNOWLEDGE_URL: `http://127.0.0.1:${ports.knowledge}/graphql`,
            CHAT_URL: `http://127.0.0.1:${ports.chat}/graphql`,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        output(child, logs, '[gateway-b] ');
        return child;
      },
      () => isUp(`http://127.0.0.1:${ports.gatewayB}/health`),
      note,
    );
    kept.push(gatewayB);
    await gatewayB.start();
  } catch (error) {
    await stop();
    throw error;
  }

  const keptByName = new Map(kept.map((unit) => [unit.name, unit]));
  return {
    gateways: [
      { name: 'gateway-a', url: `http://127.0.0.1:${ports.gatewayA}/graphql` },
      { name: 'gateway-b', url: `http://127.0.0.1:${ports.gatewayB}/graphql` },
    ],
    redisUrl,
    chromaUrl,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${ports.postgres}/nusa`,
    pid: (component) => keptByName.get(component)?.pid ?? pids.get(component),
    launcherPid: launcher?.pid,
    metricsUrl: (component) => {
      const port = metricsPorts[component];
      return port === undefined ? undefined : `http://127.0.0.1:${port}/metrics`;
    },
    supervisionLines: () => [...supervision],
    stop,
  };
}
