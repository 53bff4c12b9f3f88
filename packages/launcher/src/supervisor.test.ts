import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@nusa/platform/testing';
import { killEveryGroup } from './process-group.js';
import { startService, type ServiceSpec } from './services.js';
import type { RestartPolicyOptions } from './supervision.js';
import { Supervised } from './supervisor.js';

/**
 * A stand-in service: a real Node process answering /health on PORT. It counts its starts in
 * STARTS_FILE; from the start number UNHEALTHY_FROM on it never answers; with CHILD it starts a
 * process of its own (as the knowledge subgraph starts Chroma) and prints that pid.
 */
const SERVICE = `
const http = require('node:http');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const starts = Number(fs.existsSync(process.env.STARTS_FILE) ? fs.readFileSync(process.env.STARTS_FILE, 'utf8') : 0) + 1;
fs.writeFileSync(process.env.STARTS_FILE, String(starts));
if (process.env.CHILD) {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  console.log('child ' + child.pid);
}
if (starts >= Number(process.env.UNHEALTHY_FROM || Infinity)) setInterval(() => {}, 1000);
else http.createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
if (process.env.EXIT_AFTER_MS) setTimeout(() => process.exit(Number(process.env.EXIT_CODE)), Number(process.env.EXIT_AFTER_MS));
`;

const spec: ServiceSpec = { name: 'stand-in', entry: 'service.js', port: 0, portVariable: 'PORT' };
let dir: string;
let units: Supervised[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  writeFileSync(join(dir, 'service.js'), SERVICE);
});

afterEach(async () => {
  await Promise.all(units.map((unit) => unit.stop()));
  units = [];
  killEveryGroup();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether `pid` runs: a zombie nobody has reaped yet (as under a container's init) counts as gone. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

interface StandIn {
  unit: Supervised;
  lines: string[];
  starts: () => number;
  gaveUp: Supervised[];
  port: number;
}

async function standIn(env: Record<string, string>, policy: RestartPolicyOptions, healthTimeoutMs = 10_000): Promise<StandIn> {
  const port = await freePort();
  const lines: string[] = [];
  const gaveUp: Supervised[] = [];
  const startsFile = join(dir, 'starts');
  const options = {
    root: dir,
    env: { PATH: process.env.PATH, PORT: String(port), STARTS_FILE: startsFile, ...env },
    port,
    healthTimeoutMs,
    write: (line: string) => lines.push(line),
  };
  const unit = new Supervised({
    name: 'stand-in',
    start: () => Promise.resolve(startService(spec, options)),
    where: `on port ${port}`,
    essential: false,
    policy,
    log: (line) => lines.push(line),
    onGiveUp: (given) => gaveUp.push(given),
  });
  units.push(unit);
  const starts = () => Number(readFileSync(startsFile, 'utf8'));
  return { unit, lines, starts, gaveUp, port };
}

const pidIn = (lines: string[], pattern: RegExp): number => {
  const match = lines.map((line) => pattern.exec(line)).find(Boolean);
  if (!match?.[1]) throw new Error(`no line matches ${String(pattern)}:\n${lines.join('\n')}`);
  return Number(match[1]);
};

describe('a supervised service', () => {
  it('is restarted after a SIGKILL, answers its health check again under a new pid, and each event is one line', async () => {
    const service = await standIn({}, { initialDelayMs: 50 });
    await service.unit.start();
    const first = pidIn(service.lines, /stand-in is up on port \d+ \(pid (\d+)\)/);
    process.kill(first, 'SIGKILL');
    await until(() => service.unit.state === 'up' && service.unit.restarts === 1, 'it is back');
    const second = pidIn(service.lines, /stand-in is back on port \d+ \(pid (\d+), after restart 1\)/);
    expect(second).not.toBe(first);
    expect((await fetch(`http://127.0.0.1:${service.port}/health`)).status).toBe(200);
    expect(service.lines).toContain(
      `stand-in crashed: signal SIGKILL (pid ${first}, crash 1 since start); restart attempt 1 in 0.05 s, 1 of 5 restarts allowed in 5 min`,
    );
    expect(service.lines).toContain(`stand-in restarted (pid ${second}, restart 1); waiting for its health check`);
    expect(service.unit.summary()).toMatch(/^stand-in\s+1 crash\s+1 restart\s+up$/);
  });

  it('waits longer after each consecutive crash and gives up once the budget is spent, saying so, while nothing restarts it again', async () => {
    const service = await standIn({ EXIT_AFTER_MS: '1500', EXIT_CODE: '3' }, { initialDelayMs: 20, restartLimit: 2 });
    await service.unit.start();
    await until(() => service.unit.state === 'given up', 'it gives up');
    const crashes = service.lines.filter((line) => line.startsWith('stand-in crashed: exit code 3'));
    expect(crashes).toHaveLength(3);
    expect(crashes[0]).toMatch(/restart attempt 1 in 0\.02 s, 1 of 2 restarts allowed in 5 min$/);
    expect(crashes[1]).toMatch(/restart attempt 2 in 0\.04 s, 2 of 2 restarts allowed in 5 min$/);
    expect(crashes[2]).toMatch(
      /crash 3 since start\); giving up on it \(all 2 restarts allowed in 5 min used\); the rest of the platform keeps running without it$/,
    );
    expect(service.gaveUp).toEqual([service.unit]);
    expect(service.starts()).toBe(3);
    expect(service.unit.summary()).toMatch(/^stand-in\s+3 crashes\s+2 restarts\s+given up$/);
  });

  it('is not restarted once stop is asked while it waits for its restart', async () => {
    const service = await standIn({}, { initialDelayMs: 60_000 });
    await service.unit.start();
    process.kill(pidIn(service.lines, /is up on port \d+ \(pid (\d+)\)/), 'SIGKILL');
    await until(() => service.unit.state === 'waiting to restart', 'it waits to restart');
    const stopped = Date.now();
    await service.unit.stop();
    // The 60 s wait was cancelled, not sat out, and no second run was started.
    expect(Date.now() - stopped).toBeLessThan(5_000);
    expect(service.unit.state).toBe('stopped');
    expect(service.starts()).toBe(1);
  });

  it('stops a restarted run that is still waiting for its health check, and counts no crash for it', async () => {
    const service = await standIn({ UNHEALTHY_FROM: '2' }, { initialDelayMs: 20 }, 60_000);
    await service.unit.start();
    process.kill(pidIn(service.lines, /is up on port \d+ \(pid (\d+)\)/), 'SIGKILL');
    await until(() => service.lines.some((line) => line.startsWith('stand-in restarted')), 'it is restarted');
    const restarted = pidIn(service.lines, /stand-in restarted \(pid (\d+)/);
    await until(() => service.starts() === 2, 'the second run is going');
    await service.unit.stop();
    expect(alive(restarted)).toBe(false);
    expect(service.unit.state).toBe('stopped');
    expect(service.unit.crashes).toBe(1);
    expect(service.lines.filter((line) => line.includes(' crashed: '))).toHaveLength(1);
  });

  it('takes whatever it started down with it when it is SIGKILLed, so no orphan keeps a port or a data folder', async () => {
    const service = await standIn({ CHILD: '1' }, { initialDelayMs: 50 });
    await service.unit.start();
    const orphan = pidIn(service.lines, /^\[stand-in\] child (\d+)$/);
    expect(alive(orphan)).toBe(true);
    process.kill(pidIn(service.lines, /is up on port \d+ \(pid (\d+)\)/), 'SIGKILL');
    await until(() => !alive(orphan), 'the first run’s child is gone');
    await until(() => service.unit.state === 'up' && service.unit.restarts === 1, 'it is back');
  });

  it('is not restarted after it exits with code 0 on its own, and says why', async () => {
    const service = await standIn({ EXIT_AFTER_MS: '1500', EXIT_CODE: '0' }, { initialDelayMs: 20 });
    await service.unit.start();
    await until(() => service.unit.state === 'exited', 'it has exited');
    expect(service.lines.find((line) => line.includes('without being asked'))).toMatch(
      /^stand-in exited with exit code 0 \(pid \d+\) without being asked to; not restarting it: only crashes are restarted$/,
    );
    expect(service.gaveUp).toHaveLength(1);
    expect(service.starts()).toBe(1);
  });

  it('counts a restart that never answers its health check as a crash, ending that run', async () => {
    const service = await standIn({ UNHEALTHY_FROM: '2' }, { initialDelayMs: 20, restartLimit: 1 }, 500);
    await service.unit.start();
    process.kill(pidIn(service.lines, /is up on port \d+ \(pid (\d+)\)/), 'SIGKILL');
    await until(() => service.unit.state === 'given up', 'it gives up');
    const unanswered = service.lines.find((line) => line.includes('did not answer'));
    expect(unanswered).toMatch(/^stand-in crashed: did not answer http:\/\/127\.0\.0\.1:\d+\/health within 0\.5 s \(pid (\d+), crash 2/);
    expect(alive(pidIn(service.lines, /stand-in restarted \(pid (\d+)/))).toBe(false);
  });

  it('fails its first start, without restarting, when it exits before it is healthy', async () => {
    const service = await standIn({ UNHEALTHY_FROM: '1', EXIT_AFTER_MS: '50', EXIT_CODE: '1' }, { initialDelayMs: 20 });
    await expect(service.unit.start()).rejects.toThrow('stand-in exited before it became healthy');
    expect(service.starts()).toBe(1);
    expect(service.unit.crashes).toBe(0);
  });
});
