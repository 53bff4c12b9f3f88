import { join } from 'node:path';
import { z } from 'zod';
import { parseSettings, runMain } from '@nusa/platform';
import { prepareEmbeddedDatabase } from './embedded-database.js';
import { killEveryGroup } from './process-group.js';
import { portClash, portInUse, portOf, presentServices, startService } from './services.js';
import { describePolicy } from './supervision.js';
import { Supervised } from './supervisor.js';

const root = join(__dirname, '..', '..', '..');
const write = (line: string) => process.stdout.write(`${line}\n`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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
  const supervised: Supervised[] = [];
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    write('stopping every service ...');
    if (supervised.length > 0) write(['crashes and restarts since start:', ...supervised.map((unit) => `  ${unit.summary()}`)].join('\n'));
    // A service that fails while those it needs stop is not restarted.
    for (const unit of supervised) unit.stopRestarting();
    // The gateway first, the database last.
    for (const unit of [...supervised].reverse()) await unit.stop();
    write('stopped');
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stopAll(0));
  // Services lead process groups of their own, so no terminal signal reaches them: should the
  // launcher end without stopping them (a crash of its own), they go with it.
  process.once('exit', killEveryGroup);
  const onGiveUp = (unit: Supervised) => {
    if (unit.essential) void stopAll(1);
  };

  const env: NodeJS.ProcessEnv = { ...process.env };
  const services = presentServices(root);
  const clash = portClash(services, env);
  if (clash) {
    write(`start-up failed: ${clash}`);
    process.exit(1);
  }
  try {
    if (!settings.DATABASE_URL) {
      const dataDir = join(settings.DATA_DIR, 'postgres');
      const port = settings.EMBEDDED_POSTGRES_PORT;
      const database = await prepareEmbeddedDatabase(dataDir, port, 'nusa', write);
      write(`embedded PostgreSQL, data in ${dataDir}`);
      const unit = new Supervised({
        name: 'postgres',
        start: database.start,
        where: `on 127.0.0.1:${port}`,
        essential: true,
        log: write,
        onGiveUp,
      });
      supervised.push(unit);
      await unit.start();
      env.DATABASE_URL = database.url;
    }
    for (const spec of services) {
      if (stopping) return;
      const port = portOf(spec, env);
      // Otherwise whatever holds the port would answer the health check in the service's place.
      if (await portInUse(port)) throw new Error(`port ${port} for ${spec.name} (${spec.portVariable}) is in use already`);
      const options = { root, env: { ...env }, port, healthTimeoutMs: settings.STARTUP_TIMEOUT_MS, write };
      const unit = new Supervised({
        name: spec.name,
        start: () => Promise.resolve(startService(spec, options)),
        where: `on http://localhost:${port}/graphql`,
        essential: spec.name === 'gateway',
        log: write,
        onGiveUp,
      });
      supervised.push(unit);
      await unit.start();
      // The gateway (started last) reaches each subgraph where it actually listens.
      if (spec.name !== 'gateway') env[`${spec.name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${port}/graphql`;
    }
  } catch (error) {
    if (stopping) return;
    write(`start-up failed: ${message(error)}`);
    await stopAll(1);
    return;
  }
  if (stopping) return;

  const gatewayPort = env.PORT ?? '4000';
  const admin = settings.NODE_ENV === 'production' ? undefined : (settings.ADMIN_EMAIL ?? 'admin@localhost');
  write('');
  write(`The platform is running: http://localhost:${gatewayPort}/graphql`);
  if (admin)
    write(
      `Sign in with: mutation { login(email: "${admin}", password: "${settings.ADMIN_PASSWORD ? '<ADMIN_PASSWORD>' : 'admin'}") { token } }`,
    );
  write(`A service that crashes is restarted (${describePolicy()}). Press Ctrl-C to stop.`);
});
