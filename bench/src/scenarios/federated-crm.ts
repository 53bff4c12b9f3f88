import { comparePairs, settings } from '../compare.js';
import { loadDirect, recordDirectPlan } from '../direct.js';
import { benchWorkers, hiveSetup, startHive, startOurs, type RunningGateway } from '../gateways.js';
import { checkFederatedCrmData, federatedCrmQuery, startCrmGraph } from './federated-crm-setup.js';

export const federatedCrmBody = JSON.stringify({ query: federatedCrmQuery });
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

/** `federated-crm`: 50 clients across crm and memory, ours beside Hive Gateway. */
export async function federatedCrm(): Promise<void> {
  const graph = await startCrmGraph();
  const gateways: RunningGateway[] = [];
  try {
    const bearer = { authorization: `Bearer ${graph.token}` };
    const direct = await recordDirectPlan(graph.supergraphSdl, graph.urls, federatedCrmBody, bearer);
    gateways.push(await startOurs(graph.supergraphPath), await startHive(graph.supergraphPath));
    const [ours, theirs] = gateways as [RunningGateway, RunningGateway];
    await comparePairs(
      {
        title: 'bench: federated-crm',
        description: `One identical query from one caller, over and over: this measures in-flight sharing (both gateways run identical queries in flight once), not distinct work; \`npm run bench -- real\` measures that. \`clients(first: 50)\` with practices and assignees (crm), conversations and memory facts (memory): two subgraphs on a fresh database with the demo data, a conversation and two facts per client; ${benchWorkers} worker process(es) per gateway.`,
        body: federatedCrmBody,
        checkData: checkFederatedCrmData,
        ours: { gateway: ours, headers: () => bearer },
        theirs: { gateway: theirs, headers: graph.hiveHeaders },
        direct: () => loadDirect('subgraphs direct', direct, graph.identityHeaders, settings.seconds, connections),
        notes: [
          `One operation costs ${direct.fetches} subgraph fetches.`,
          "Ours verifies the client's JWT on every request and forwards a signed `x-nusa-identity`; theirs verifies nothing and forwards the identity headers the client sent (one per subgraph), signed by the benchmark and renewed every 10 s.",
          hiveSetup(),
        ],
      },
      connections,
    );
  } finally {
    for (const gateway of gateways) await gateway.process.stop();
    await graph.stop();
  }
}
