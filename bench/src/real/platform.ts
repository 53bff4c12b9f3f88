import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createTestDatabase, freePort, startFakeAnthropic, testServerUrl, textStream, type TestDatabase } from '@nusa/platform/testing';
import { benchSecrets, writeSupergraph } from '../gateways.js';
import { pidOf, root, startProcess, type BenchProcess } from '../processes.js';

/** The first admin's password: production refuses one under 12 characters. Every seeded member signs in with it. */
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/** The whole platform a `real` run loads: four subgraphs, Chroma (the knowledge service's child), PostgreSQL and Redis. */
export interface RealPlatform {
  urls: { crm: string; memory: string; knowledge: string; chat: string };
  /** The database crm and memory share (their tables do not overlap). */
  crmDatabaseUrl: string;
  supergraphSdl: string;
  /** The supergraph file with these subgraphs' URLs, which both gateways read. */
  supergraphPath: string;
  /** crm, memory, knowledge, chat, in that order. */
  services: BenchProcess[];
  /** The Redis server every service and the gateway use (the benchmark's own unless BENCH_REDIS_URL is given). */
  redis: { url: string; pid: number | undefined };
  /** The pids of the PostgreSQL backends serving this run's databases now. */
  postgresBackends: () => Promise<number[]>;
  /** `--cpu-prof` options for a process of this run, when profiling (BENCH_PROFILE / --profile). */
  nodeArgs: (name: string) => string[] | undefined;
  stop: () => Promise<void>;
}

/** A private Redis with nothing on disk, so its CPU is this run's alone (the machine's is shared). */
export async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Refused connections while it starts are expected: each attempt's failure is handled below.
  client.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return { url, child };
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start: ${error instanceof Error ? error.message : String(error)}`);
      }
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts crm, memory, knowledge (with its Chroma) and chat as separate processes on fresh databases,
 * with a Redis of their own and a fake Anthropic server for chat, like `npm start` does in production
 * shape (every service its own process, secrets shared, rate limits raised by the bench budgets).
 */
export async function startRealPlatform(profileDir: string | undefined): Promise<RealPlatform> {
  const databases: TestDatabase[] = [];
  const services: BenchProcess[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'bench-real-'));
  let redisChild: ChildProcess | undefined;
  const model = await startFakeAnthropic(() => textStream('The stay permit takes about four weeks once the sponsor letter is in.'));
  const nodeArgs = (name: string) => {
    if (!profileDir) return undefined;
    const dir = join(profileDir, name.replace(/\W+/g, '-').toLowerCase());
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  };
  const stop = async () => {
    for (const service of [...services].reverse()) await service.stop();
    await model.stop();
    if (redisChild && redisChild.exitCode === null) {
      const exited = new Promise((resolve) => redisChild?.once('exit', resolve));
      redisChild.kill('SIGTERM');
      await exited;
    }
    for (const database of databases) await database.drop();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const crmDatabase = await createTestDatabase('bench_real');
    databases.push(crmDatabase);
    const knowledgeDatabase = await createTestDatabase('bench_real_kb');
    databases.push(knowledgeDatabase);
    let redis: RealPlatform['redis'];
    if (process.env.BENCH_REDIS_URL) {
      redis = { url: process.env.BENCH_REDIS_URL, pid: pidOf('redis-server') };
    } else {
      const started = await startRedis();
      redisChild = started.child;
      redis = { url: started.url, pid: started.child.pid };
    }
    const [crmPort, memoryPort, knowledgePort, chromaPort, chatPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const url = (port: number) => `http://127.0.0.1:${port}`;
    const urls = {
      crm: `${url(crmPort)}/graphql`,
      memory: `${url(memoryPort)}/graphql`,
      knowledge: `${url(knowledgePort)}/graphql`,
      chat: `${url(chatPort)}/graphql`,
    };
    // As deployed (the Dockerfile, fly.toml and docker-compose set it): graphql-js and Apollo Server skip their
    // development checks. The demo team (whom the load signs in as) is seeded all the same.
    const shared = { ...benchSecrets, NODE_ENV: 'production', SEED_DEMO_DATA: 'true', REDIS_URL: redis.url };
    const start = (name: string, entry: string, env: NodeJS.ProcessEnv, port: number) =>
      startProcess(name, entry, { ...shared, ...env }, `${url(port)}/health`, { nodeArgs: nodeArgs(name) });
    services.push(
      await start(
        'crm',
        'subgraphs/crm/dist/index.js',
        { DATABASE_URL: crmDatabase.url, CRM_PORT: String(crmPort), ADMIN_EMAIL: 'admin@localhost', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD },
        crmPort,
      ),
    );
    services.push(
      await start(
        'memory',
        'subgraphs/memory/dist/index.js',
        { DATABASE_URL: crmDatabase.url, MEMORY_PORT: String(memoryPort), CRM_URL: urls.crm },
        memoryPort,
      ),
    );
    services.push(
      await start(
        'knowledge',
        'subgraphs/knowledge/dist/index.js',
        {
          DATABASE_URL: knowledgeDatabase.url,
          KNOWLEDGE_PORT: String(knowledgePort),
          CHROMA_PORT: String(chromaPort),
          DATA_DIR: join(directory, 'knowledge'),
          GLIBC_DIR: process.env.GLIBC_DIR ?? join(root, '.data', 'glibc'),
        },
        knowledgePort,
      ),
    );
    services.push(
      await start(
        'chat',
        'subgraphs/chat/dist/index.js',
        {
          CHAT_PORT: String(chatPort),
          CRM_URL: urls.crm,
          MEMORY_URL: urls.memory,
          KNOWLEDGE_URL: urls.knowledge,
          ANTHROPIC_API_KEY: 'bench',
          ANTHROPIC_BASE_URL: model.baseUrl,
        },
        chatPort,
      ),
    );
    const supergraphSdl = readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8');
    const names = databases.map((database) => database.name);
    return {
      urls,
      crmDatabaseUrl: crmDatabase.url,
      supergraphSdl,
      supergraphPath: writeSupergraph(directory, supergraphSdl, urls),
      services,
      redis,
      postgresBackends: async () => {
        const client = new pg.Client({ connectionString: testServerUrl });
        await client.connect();
        try {
          const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = any($1)', [names]);
          return rows.map((row) => row.pid);
        } finally {
          await client.end();
        }
      },
      nodeArgs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
