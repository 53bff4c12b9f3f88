import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitUntilHealthy } from '@nusa/platform';
import { freePort, processTree, TEST_SECRETS } from '@nusa/platform/testing';

const root = join(__dirname, '..');

let gateway: ChildProcess;
let origin: string;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'gateway'], { cwd: root });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  gateway = spawn(process.execPath, [join(root, 'gateway', 'dist', 'index.js')], {
    env: {
      ...process.env,
      JWT_SECRET: TEST_SECRETS.jwtSecret,
      INTERNAL_SECRET: TEST_SECRETS.internalSecret,
      NODE_ENV: 'production',
      PORT: String(port),
      WORKERS: '2',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilHealthy(`${origin}/health`, new Promise((resolve) => gateway.once('exit', resolve)), 30_000, 100);
}, 120_000);

afterAll(() => {
  if (gateway.exitCode === null) gateway.kill('SIGKILL');
});

describe('a gateway with WORKERS=2', () => {
  it('runs two worker processes behind one port, and /metrics counts the operations of both', async () => {
    expect(processTree(gateway.pid as number)).toHaveLength(3);
    for (let request = 0; request < 10; request += 1) {
      // A new connection each time, so both workers take some.
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
    const metrics = await (await fetch(`${origin}/metrics`, { headers: { connection: 'close' } })).text();
    expect(metrics).toMatch(/^graphql_operations_total\{operation="anonymous",outcome="ok",service="gateway"\} 10$/m);
  });

  it('stops every worker and exits 0 on SIGTERM, leaving no process behind', async () => {
    const workers = processTree(gateway.pid as number).slice(1);
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const worker of workers) expect(() => process.kill(worker, 0)).toThrow();
  });
});
