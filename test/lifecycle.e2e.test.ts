import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntilHealthy } from '@nusa/platform';
import { createTestDatabase, freePort, type TestDatabase } from '@nusa/platform/testing';

const root = join(__dirname, '..');

function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

/** Starts a compiled service, waits for /health, sends SIGTERM and resolves with its exit code. */
async function startThenTerminate(
  entry: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  const child = spawn(process.execPath, [join(root, entry)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitUntilHealthy(`http://127.0.0.1:${port}/health`, exited, 120_000, 200).catch((error: unknown) => {
    throw new Error(`${entry} did not start (${error instanceof Error ? error.message : String(error)}):\n${output}`);
  });
  child.kill('SIGTERM');
  return { ...(await exited), output };
}

let database: TestDatabase;
beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root });
  database = await createTestDatabase('lifecycle');
}, 180_000);
afterAll(() => database.drop());

describe('stopping a service on SIGTERM', () => {
  it('drains the crm and exits 0, not killed by its own signal', async () => {
    const port = await freePort();
    const result = await startThenTerminate('subgraphs/crm/dist/index.js', { DATABASE_URL: database.url, CRM_PORT: String(port) }, port);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.output).toContain('"msg":"stopped"');
  }, 180_000);

  it('stops the knowledge service and the Chroma server it started, and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nusa-lifecycle-'));
    try {
      const port = await freePort();
      const result = await startThenTerminate(
        'subgraphs/knowledge/dist/index.js',
        {
          DATABASE_URL: database.url,
          KNOWLEDGE_PORT: String(port),
          CHROMA_PORT: String(await freePort()),
          DATA_DIR: dataDir,
          GLIBC_DIR: join(root, '.data', 'glibc'),
        },
        port,
      );
      expect(result).toMatchObject({ code: 0, signal: null });
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
