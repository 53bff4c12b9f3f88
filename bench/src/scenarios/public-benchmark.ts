import { isDeepStrictEqual } from 'node:util';
import { comparePairs, settings } from '../compare.js';
import { loadDirect, recordDirectPlan } from '../direct.js';
import { benchWorkers, hiveSetup, startHive, startOurs, type RunningGateway } from '../gateways.js';
import { startPublicBenchmarkGraph } from '../public-benchmark/setup.js';
import { expectedTestQueryData, testQuery } from '../public-benchmark/test-query.js';

export const publicBenchmarkBody = JSON.stringify({ query: testQuery });
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

export function checkTestQueryData(data: unknown): void {
  if (!isDeepStrictEqual(data, expectedTestQueryData()))
    throw new Error(`unexpected TestQuery data: ${JSON.stringify(data).slice(0, 300)}`);
}

/** `public-benchmark`: The Guild's gateways benchmark reproduced in Node, ours beside Hive Gateway. */
export async function publicBenchmark(): Promise<void> {
  const graph = await startPublicBenchmarkGraph();
  const gateways: RunningGateway[] = [];
  try {
    const direct = await recordDirectPlan(graph.supergraphSdl, graph.urls, publicBenchmarkBody, {});
    gateways.push(await startOurs(graph.supergraphPath), await startHive(graph.supergraphPath));
    const [ours, theirs] = gateways as [RunningGateway, RunningGateway];
    await comparePairs(
      {
        title: 'bench: public-benchmark',
        description: `One identical query from one caller, over and over: this measures in-flight sharing (both gateways run identical queries in flight once), not distinct work; \`npm run bench -- real\` measures that. The public gateways benchmark (graphql-hive/graphql-gateways-benchmark) in Node: its four subgraphs (accounts, inventory, products, reviews; @apollo/subgraph on plain node:http, one process each), its supergraph shape (@requires, @provides) composed with @apollo/composition, its \`TestQuery\`; ${benchWorkers} worker process(es) per gateway.`,
        body: publicBenchmarkBody,
        checkData: checkTestQueryData,
        ours: { gateway: ours, headers: () => ({}) },
        theirs: { gateway: theirs, headers: () => ({}) },
        direct: () => loadDirect('subgraphs direct', direct, () => ({}), settings.seconds, connections),
        notes: [
          `One TestQuery costs ${direct.fetches} subgraph fetches.`,
          hiveSetup(),
          'shippingEstimate is computed from the price and weight the gateway passes (@requires); the published Rust inventory subgraph drops them and answers null.',
        ],
      },
      connections,
    );
  } finally {
    for (const gateway of gateways) await gateway.process.stop();
    await graph.stop();
  }
}
