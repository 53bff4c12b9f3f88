import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@nusa/platform/testing';
import { startProcess, type BenchProcess } from './processes.js';

/** The secrets every process of a benchmark shares (the gateway runs with NODE_ENV=production, which requires them). */
export const benchSecrets = {
  JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef',
  INTERNAL_SECRET: 'bench-only-internal-secret-0123456789abcdef',
};

/** A gateway under test, running. */
export interface RunningGateway {
  name: string;
  url: string;
  process: BenchProcess;
}

/** Worker processes per gateway: the same number for ours (`WORKERS`) and Hive Gateway (`--fork`). */
export const benchWorkers = Number(process.env.BENCH_WORKERS ?? 1);

/** How Hive Gateway is set up (see {@link startHive}). */
export interface HiveOptions {
  /** Per-subgraph transport settings (subscriptions over graphql-ws, say). Default: none. */
  transportEntries?: Record<string, unknown>;
  /** graphql-jit, on in the published benchmark. Default: on unless BENCH_HIVE_DEFAULTS is set. */
  jit?: boolean;
}

const hiveDefaults = () => Boolean(process.env.BENCH_HIVE_DEFAULTS);

/** How Hive Gateway is configured, for the results. */
export function hiveSetup(options: HiveOptions = {}): string {
  if (hiveDefaults()) return 'Hive Gateway runs with its defaults (NODE_ENV=production).';
  return options.jit === false
    ? 'Hive Gateway runs as in the published benchmark (NODE_ENV=production, `inboundInflightRequestDeduplication`) but without `jit`.'
    : 'Hive Gateway runs as in the published benchmark: NODE_ENV=production, `jit`, `inboundInflightRequestDeduplication`.';
}

/** A supergraph file with the subgraph URLs replaced: both gateways read the very same file. */
export function writeSupergraph(directory: string, supergraphSdl: string, urls: Record<string, string>): string {
  const replaced = supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
  const path = join(directory, 'supergraph.graphql');
  writeFileSync(path, replaced);
  return path;
}

/**
 * Ours: the built gateway (`gateway/dist/index.js`) on the supergraph file, in production mode;
 * `BENCH_GATEWAY_NODE_ARGS` passes options to its node (`--cpu-prof --cpu-prof-dir=prof`, say).
 */
export async function startOurs(supergraphPath: string, env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  const port = await freePort();
  const gateway = await startProcess(
    'ours',
    'gateway/dist/index.js',
    { ...benchSecrets, NODE_ENV: 'production', PORT: String(port), SUPERGRAPH_PATH: supergraphPath, WORKERS: String(benchWorkers), ...env },
    `http://127.0.0.1:${port}/health`,
    { countChildren: true, nodeArgs: process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) },
  );
  return { name: 'ours', url: `http://127.0.0.1:${port}/graphql`, process: gateway };
}

/**
 * Hive Gateway 2.15 (`hive-gateway supergraph`) on the same supergraph file, configured as in the public
 * gateways benchmark (NODE_ENV=production, `jit`, `inboundInflightRequestDeduplication`), forwarding to
 * each subgraph the signed identity the client sent for it in `x-nusa-identity-<subgraph>` (it verifies
 * no token itself; each identity is bound to one subgraph). Set
 * `BENCH_HIVE_DEFAULTS=1` to run it with its defaults instead.
 */
export async function startHive(supergraphPath: string, options: HiveOptions = {}): Promise<RunningGateway> {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), 'bench-hive-'));
  const transportEntries = options.transportEntries ?? {};
  const jit = !hiveDefaults() && options.jit !== false;
  const published = `${jit ? 'jit: true,' : ''}${hiveDefaults() ? '' : ' inboundInflightRequestDeduplication: true,'}`;
  const configPath = join(directory, 'gateway.config.mjs');
  writeFileSync(
    configPath,
    `export const gatewayConfig = {
  ${published}
  transportEntries: ${JSON.stringify(transportEntries)},
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }) => ({ 'x-nusa-identity': request.headers.get('x-nusa-identity-' + subgraphName) }),
  },
};
`,
  );
  const hive = await startProcess(
    'Hive Gateway',
    'node_modules/@graphql-hive/gateway/dist/bin.js',
    { ...benchSecrets, NODE_ENV: 'production' },
    `http://127.0.0.1:${port}/readiness`,
    {
      args: ['supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(port), '--fork', String(benchWorkers), '-c', configPath],
      cwd: directory,
      countChildren: true,
    },
  );
  const stop = hive.stop;
  hive.stop = async () => {
    await stop();
    rmSync(directory, { recursive: true, force: true });
  };
  return { name: 'Hive Gateway', url: `http://127.0.0.1:${port}/graphql`, process: hive };
}
