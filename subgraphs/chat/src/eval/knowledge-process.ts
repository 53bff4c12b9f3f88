import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, eventually, freePort, postGraphQL, processTree, TEST_SECRETS } from '@nusa/platform/testing';

const root = join(__dirname, '..', '..', '..', '..');

/** The knowledge subgraph as it runs in production, seeded on its first start, in a child process. */
export interface KnowledgeProcess {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts the built knowledge subgraph (`subgraphs/knowledge/dist/index.js`) on a fresh database,
 * its own Chroma and a temporary data folder; it loads the seed documents before it listens. The
 * chat subgraph only talks to it over HTTP, as in production.
 */
export async function startKnowledgeProcess(): Promise<KnowledgeProcess> {
  const database = await createTestDatabase('eval_answers_kb');
  const dataDir = mkdtempSync(join(tmpdir(), 'nusa-eval-answers-'));
  const port = await freePort();
  // In-process caching: nothing of this run is left in a shared Redis.
  const inherited = { ...process.env };
  delete inherited.REDIS_URL;
  const child = spawn(process.execPath, [join(root, 'subgraphs', 'knowledge', 'dist', 'index.js')], {
    env: {
      ...inherited,
      NODE_ENV: 'development',
      KNOWLEDGE_PORT: String(port),
      DATABASE_URL: database.url,
      CHROMA_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      GLIBC_DIR: join(root, '.data', 'glibc'),
      INTERNAL_SECRET: TEST_SECRETS.internalSecret,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // If this process dies without stopping it (an uncaught error, a closed stdout), the subgraph and its Chroma go with it.
  const killTree = () => {
    for (const pid of child.pid ? processTree(child.pid) : []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', killTree);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = async () => {
    // Chroma ignores SIGTERM: the subgraph stops it itself; whatever is left of the tree is killed.
    const tree = child.pid ? processTree(child.pid) : [];
    if (!exited) child.kill('SIGTERM');
    await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.off('exit', killTree);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (exited) throw new Error('the knowledge subgraph exited during start-up');
        const health = await postGraphQL(url, '{ __typename }').catch(() => null);
        return health !== null;
      },
      { timeoutMs: 300_000, intervalMs: 500 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
