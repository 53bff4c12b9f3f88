import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { Logger } from '@nusa/platform';
import { ensureGlibcRuntime } from './glibc-runtime.js';

/** A Chroma server this process started, and the way to stop it. */
export interface LocalChroma {
  url: string;
  stop: () => Promise<void>;
}

/** Options of {@link startLocalChroma}. */
export interface LocalChromaOptions {
  /** Where Chroma keeps its data; durable across restarts. */
  dataDir: string;
  port: number;
  /** Where a private glibc is kept when this machine's is too old. */
  runtimeDir: string;
  logger: Logger;
  /** How long to wait for the heartbeat. Default: 60 s. */
  timeoutMs?: number;
}

const GLIBC_TOO_OLD = /GLIBC_2\.\d+' not found/;

function cliPath(): string {
  // The package exports no package.json; its entry point lives under dist/, beside the CLI.
  const entry = createRequire(__filename).resolve('chromadb');
  return join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'dist', 'cli.mjs');
}

function launch(command: string, args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function heartbeat(url: string): Promise<boolean> {
  return fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(1000) }).then(
    (response) => response.ok,
    () => false,
  );
}

async function waitForHeartbeat(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<'up' | 'exited'> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await heartbeat(url)) return 'up';
    if (gone) return 'exited';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Chroma did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts the real Chroma server that ships in the `chromadb` package (`chroma run`). Where the
 * machine's glibc is too old for its native binding, it runs it again under Debian 13's glibc,
 * fetched once into `runtimeDir`. The CLI ignores SIGTERM, so it is stopped with SIGKILL (its data
 * is durable on disk).
 */
export async function startLocalChroma(options: LocalChromaOptions): Promise<LocalChroma> {
  mkdirSync(options.dataDir, { recursive: true });
  const url = `http://127.0.0.1:${options.port}`;
  const args = [cliPath(), 'run', '--path', options.dataDir, '--port', String(options.port)];
  const timeoutMs = options.timeoutMs ?? 60_000;
  let server = launch(process.execPath, args);
  if ((await waitForHeartbeat(url, server.exited, timeoutMs)) === 'exited') {
    if (!GLIBC_TOO_OLD.test(server.output())) throw new Error(`Chroma exited: ${server.output().slice(-1000)}`);
    options.logger.info({ runtimeDir: options.runtimeDir }, "this machine's glibc is too old for Chroma; using Debian 13's");
    const runtime = await ensureGlibcRuntime(options.runtimeDir);
    server = launch(runtime.loader, ['--library-path', runtime.libraryPath, process.execPath, ...args]);
    if ((await waitForHeartbeat(url, server.exited, timeoutMs)) === 'exited')
      throw new Error(`Chroma exited: ${server.output().slice(-1000)}`);
  }
  const running = server;
  // Whatever way this process ends, its Chroma must not outlive it.
  const killOnExit = () => running.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    url,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (running.child.exitCode !== null || running.child.signalCode !== null) return;
      running.child.kill('SIGKILL');
      await running.exited;
    },
  };
}

/**
 * The Chroma a command-line tool works on: `url` (CHROMA_URL) when given; otherwise the platform's
 * own server if one answers on `port`; otherwise one started here on the platform's data folder,
 * stopped by the returned `stop` (which leaves a server the tool did not start running).
 */
export async function chromaForTool(options: LocalChromaOptions & { url: string | undefined }): Promise<LocalChroma> {
  const { url, ...local } = options;
  const running = url ?? `http://127.0.0.1:${local.port}`;
  if (url || (await heartbeat(running))) return { url: running, stop: () => Promise.resolve() };
  return startLocalChroma(local);
}
