import { join } from 'node:path';
import { z } from 'zod';
import { parseSettings, runMain, waitUntilHealthy } from '@nusa/platform';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { presentServices, spawnService, stopService, type RunningService } from './services.js';

const root = join(__dirname, '..', '..', '..');
const write = (line: string) => process.stdout.write(`${line}\n`);

runMain(async () => {
  const settings = parseSettings({
    DATABASE_URL: z.string().optional(),
    DATA_DIR: z.string().min(1).default(join(root, '.data')),
    EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    STARTUP_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
    ADMIN_EMAIL: z.string().optional(),
    ADMIN_PASSWORD: z.string().optional(),
    NODE_ENV: z.string().optional(),
  });
  const running: RunningService[] = [];
  let database: EmbeddedDatabase | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    write('stopping every service ...');
    for (const service of [...running].reverse()) await stopService(service);
    await database?.stop();
    write('stopped');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!settings.DATABASE_URL) {
    const dataDir = join(settings.DATA_DIR, 'postgres');
    database = await startEmbeddedDatabase(dataDir, settings.EMBEDDED_POSTGRES_PORT, 'nusa', write);
    env.DATABASE_URL = database.url;
    write(`embedded PostgreSQL on 127.0.0.1:${settings.EMBEDDED_POSTGRES_PORT} (data in ${dataDir})`);
  }

  for (const spec of presentServices(root)) {
    const port = Number(env[spec.portVariable] ?? spec.port);
    const service = spawnService(root, spec, env, write);
    running.push(service);
    void service.exited.then((code) => {
      if (stopping) return;
      write(`${spec.name} exited with code ${code}; stopping the platform`);
      void stopAll(1);
    });
    await waitUntilHealthy(`http://127.0.0.1:${port}/health`, service.exited, settings.STARTUP_TIMEOUT_MS);
    write(`${spec.name} is up on http://localhost:${port}/graphql`);
    // The gateway (started last) reaches each subgraph where it actually listens.
    if (spec.name !== 'gateway') env[`${spec.name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${port}/graphql`;
  }

  const gatewayPort = env.PORT ?? '4000';
  const admin = settings.NODE_ENV === 'production' ? undefined : (settings.ADMIN_EMAIL ?? 'admin@localhost');
  write('');
  write(`The platform is running: http://localhost:${gatewayPort}/graphql`);
  if (admin)
    write(
      `Sign in with: mutation { login(email: "${admin}", password: "${settings.ADMIN_PASSWORD ? '<ADMIN_PASSWORD>' : 'admin'}") { token } }`,
    );
  write('Press Ctrl-C to stop.');
});
