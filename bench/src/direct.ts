import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { Agent, request } from 'undici';
import { latencySummary, type Measured } from './load.js';
import { startOurs, writeSupergraph } from './gateways.js';

/** A subgraph fetch the gateway made, and what the subgraph answered. */
interface RecordedFetch {
  url: string;
  body: string;
  response: string;
}

/** The headers a fetch to the subgraph named carries (its own signed identity, say). */
export type SubgraphHeaders = (subgraph: string) => Record<string, string>;

/** The subgraph fetches of one operation, in the order and parallelism of its query plan. */
export interface DirectPlan {
  /** How many subgraph fetches one operation costs. */
  fetches: number;
  /** Runs the fetches once; false when a subgraph answered anything but the recorded response. */
  run: (headers: SubgraphHeaders, agent: Agent) => Promise<boolean>;
}

async function recordingProxy(target: string, recorded: Map<string, RecordedFetch>, service: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'content-length'));
      // Other routes (the gateway's credential checks on the crm, say) go through unrecorded.
      const url = new URL(req.url ?? '/', target);
      const graphql = url.pathname === new URL(target).pathname;
      void request(url, {
        method: req.method ?? 'POST',
        headers: headers as Record<string, string>,
        body: req.method === 'GET' ? undefined : body,
      }).then(async (upstream) => {
        const response = await upstream.body.text();
        if (graphql) {
          const { query } = JSON.parse(body) as { query: string };
          recorded.set(`${service}\n${query}`, { url: target, body, response });
        }
        res.writeHead(upstream.statusCode, { 'content-type': 'application/json' }).end(response);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * Records what our gateway asks each subgraph for one operation (through recording proxies), and
 * plans the operation with Apollo's query planner, so the same fetches can be replayed straight at
 * the subgraphs in the plan's order: what a gateway that runs every request on its own can only approach.
 */
export async function recordDirectPlan(
  supergraphSdl: string,
  urls: Record<string, string>,
  body: string,
  headers: Record<string, string>,
): Promise<DirectPlan> {
  const recorded = new Map<string, RecordedFetch>();
  const proxies = await Promise.all(Object.entries(urls).map(([name, url]) => recordingProxy(url, recorded, name)));
  const proxyUrls = Object.fromEntries(
    Object.keys(urls).map((name, index) => [name, `http://127.0.0.1:${(proxies[index]?.address() as AddressInfo).port}/graphql`]),
  );
  const directory = mkdtempSync(join(tmpdir(), 'bench-direct-'));
  const gateway = await startOurs(writeSupergraph(directory, supergraphSdl, proxyUrls), { WORKERS: '1' });
  try {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    if (!response.ok) throw new Error(`recording run failed: HTTP ${response.status}`);
    await response.text();
  } finally {
    await gateway.process.stop();
    for (const proxy of proxies) proxy.close();
    rmSync(directory, { recursive: true, force: true });
  }

  const supergraph = Supergraph.build(supergraphSdl);
  const { query, operationName } = JSON.parse(body) as { query: string; operationName?: string };
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query), { operationName }));
  let fetches = 0;
  const compile = (node: PlanNode): ((headers: SubgraphHeaders, agent: Agent) => Promise<boolean>) => {
    switch (node.kind) {
      case 'Sequence': {
        const steps = node.nodes.map(compile);
        return async (h, agent) => {
          let ok = true;
          for (const step of steps) ok = (await step(h, agent)) && ok;
          return ok;
        };
      }
      case 'Parallel': {
        const steps = node.nodes.map(compile);
        return async (h, agent) => (await Promise.all(steps.map((step) => step(h, agent)))).every(Boolean);
      }
      case 'Flatten':
        return compile(node.node);
      case 'Fetch': {
        const fetch = recorded.get(`${node.serviceName}\n${node.operation}`);
        // The gateway skipped it (nothing to fetch for): so does the replay.
        if (!fetch) return () => Promise.resolve(true);
        fetches += 1;
        return async (h, agent) => {
          const response = await request(fetch.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...h(node.serviceName) },
            body: fetch.body,
            dispatcher: agent,
          });
          return response.statusCode === 200 && (await response.body.text()) === fetch.response;
        };
      }
      default:
        throw new Error(`the direct replay does not handle ${node.kind} plan nodes`);
    }
  };
  if (!plan.node || plan.node.kind === 'Subscription') throw new Error('the operation has no query plan to replay');
  const run = compile(plan.node);
  return { fetches, run };
}

/** Runs a direct plan from `connections` concurrent loops for `seconds`. */
export async function loadDirect(
  target: string,
  plan: DirectPlan,
  headers: SubgraphHeaders,
  seconds: number,
  connections: number,
): Promise<Measured> {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const ok = await plan.run(headers, agent).catch(() => false);
      latencies.push(performance.now() - started);
      if (!ok) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  await agent.close();
  return {
    target,
    requestsPerSecond: Math.round(latencies.length / seconds),
    ...latencySummary(latencies),
    errors,
    requests: latencies.length,
  };
}
