import { settings } from '../compare.js';
import { loadDirect, recordDirectPlan } from '../direct.js';
import type { Measured } from '../load.js';
import { startPublicBenchmarkGraph } from '../public-benchmark/setup.js';
import { reportTable } from '../report.js';
import { startCrmGraph } from './federated-crm-setup.js';
import { federatedCrmBody } from './federated-crm.js';
import { publicBenchmarkBody } from './public-benchmark.js';

/**
 * `direct`: the subgraph fetches of each scenario's operation (recorded once through our gateway,
 * in the order of Apollo's query plan) sent straight to the subgraphs, twice each: the limit for a gateway
 * that runs every request on its own (one that shares identical queries in flight can pass it).
 */
export async function direct(): Promise<void> {
  const rows: string[][] = [];
  const add = (scenario: string, fetches: number, measured: Measured[]) => {
    for (const [index, m] of measured.entries()) {
      rows.push([
        `${scenario} (${fetches} fetches), run ${index + 1}`,
        String(m.requestsPerSecond),
        String(m.p50),
        String(m.p95),
        String(m.p99),
        String(m.errors),
      ]);
    }
  };
  const crmConnections = Number(process.env.BENCH_CONNECTIONS ?? 20);
  const crm = await startCrmGraph();
  try {
    const plan = await recordDirectPlan(crm.supergraphSdl, crm.urls, federatedCrmBody, { authorization: `Bearer ${crm.token}` });
    await loadDirect('warm-up', plan, crm.identityHeaders, settings.warmUpSeconds, crmConnections);
    const runs = [];
    for (let run = 0; run < 2; run += 1) runs.push(await loadDirect('direct', plan, crm.identityHeaders, settings.seconds, crmConnections));
    add(`federated-crm at ${crmConnections} connections`, plan.fetches, runs);
  } finally {
    await crm.stop();
  }
  const publicConnections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const graph = await startPublicBenchmarkGraph();
  try {
    const plan = await recordDirectPlan(graph.supergraphSdl, graph.urls, publicBenchmarkBody, {});
    await loadDirect('warm-up', plan, () => ({}), settings.warmUpSeconds, publicConnections);
    const runs = [];
    for (let run = 0; run < 2; run += 1) runs.push(await loadDirect('direct', plan, () => ({}), settings.seconds, publicConnections));
    add(`public-benchmark at ${publicConnections} connections`, plan.fetches, runs);
  } finally {
    await graph.stop();
  }
  reportTable(
    'bench: direct',
    `The subgraph fetches of each scenario's operation, recorded once through our gateway and replayed straight at the subgraphs in the order and parallelism of Apollo's query plan (every answer compared with the recorded one), ${settings.seconds} s per run: the throughput a gateway can only approach.`,
    ['scenario', 'operations/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
    rows,
    'The load generator runs the plan itself (undici, one loop per connection), so it does the work a gateway would do minus parsing, planning and merging.',
  );
}
