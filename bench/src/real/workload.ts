import { Agent, request } from 'undici';
import { percentile } from '../load.js';
import type { Operation, SubgraphSend } from './operations.js';
import type { BenchCaller, SubgraphName, World } from './seed.js';
import { random } from './vocabulary.js';

/** Where a run sends its requests: a gateway (with the headers its clients send) or straight at the subgraphs. */
export type Target =
  | { kind: 'gateway'; name: string; url: string; headers: (caller: BenchCaller) => Record<string, string> }
  | { kind: 'direct'; name: string; urls: Record<SubgraphName, string> };

/** One operation's figures in a run. */
export interface OperationFigures {
  name: string;
  requests: number;
  errors: number;
  /** The first distinct error messages (at most 3). */
  firstErrors: string[];
  latencies: number[];
}

/** One run of the workload against one target. */
export interface RunFigures {
  target: string;
  seconds: number;
  operations: OperationFigures[];
  /** Requests sent while an identical one (operation, variables, caller) was in flight: 0 but for `{ __typename }`. */
  repeatsInFlight: number;
}

class GraphQLFailure extends Error {}

function describeErrors(errors: unknown): string {
  const [first] = Array.isArray(errors) ? (errors as { message?: string; extensions?: { code?: string } }[]) : [];
  return first ? `${first.extensions?.code ?? 'ERROR'}: ${first.message ?? ''}`.slice(0, 200) : JSON.stringify(errors).slice(0, 200);
}

async function postJson(agent: Agent, url: string, headers: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    dispatcher: agent,
  });
  const text = await response.body.text();
  let parsed: { data?: Record<string, unknown> | null; errors?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new GraphQLFailure(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  }
  if (parsed.errors) throw new GraphQLFailure(describeErrors(parsed.errors));
  if (response.statusCode !== 200 || !parsed.data) throw new GraphQLFailure(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  return parsed.data;
}

/** Whether an answer is one: every root field the operation asked for holds data (a client or conversation that exists). */
function checkData(data: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(data)) {
    if (value === null || value === undefined) throw new GraphQLFailure(`${field} is null`);
  }
}

/** The operations a caller of this kind may send, each as often as its weight says. */
function picker(operations: Operation[], kind: BenchCaller['kind']): (next: number) => Operation {
  const allowed = operations.filter((operation) => operation.weight > 0 && (kind === 'member' || !operation.membersOnly));
  const total = allowed.reduce((sum, operation) => sum + operation.weight, 0);
  return (next) => {
    let at = next * total;
    for (const operation of allowed) {
      at -= operation.weight;
      if (at < 0) return operation;
    }
    return allowed[allowed.length - 1] as Operation;
  };
}

/**
 * Runs `connections` loops for `seconds`, each sending one request at a time: a caller drawn from
 * the world's (team members and partner keys), an operation drawn by weight from those it may send,
 * fresh variables (drawn again while an identical request is in flight), every answer checked (HTTP
 * 200, no `errors`, every root field holding data). Through a gateway, one POST; direct, the
 * operation's subgraph fetches with the caller's signed identity for each subgraph.
 */
export async function runWorkload(options: {
  target: Target;
  operations: Operation[];
  world: World;
  seconds: number;
  connections: number;
  seed: number;
  /** Stop each loop after this many requests, whatever the time (a check). Default: none. */
  requestsPerLoop?: number;
}): Promise<RunFigures> {
  const { target, world, operations } = options;
  const rng = random(options.seed);
  const figures = new Map<string, OperationFigures>(
    operations.map((operation) => [operation.name, { name: operation.name, requests: 0, errors: 0, firstErrors: [], latencies: [] }]),
  );
  const pickers = { member: picker(operations, 'member'), apiKey: picker(operations, 'apiKey') };
  const agent = new Agent({ connections: options.connections * (target.kind === 'direct' ? 2 : 1), keepAliveTimeout: 30_000 });
  const inFlight = new Set<string>();
  let repeatsInFlight = 0;
  const deadline = performance.now() + options.seconds * 1000;

  const sendDirect = (caller: BenchCaller): SubgraphSend => {
    if (target.kind !== 'direct') throw new Error('not a direct target');
    return (subgraph, query, variables) => postJson(agent, target.urls[subgraph], caller.identity(subgraph), { query, variables });
  };
  const loop = async () => {
    for (let sent = 0; performance.now() < deadline && sent < (options.requestsPerLoop ?? Infinity); sent += 1) {
      const caller = rng.pick(world.callers);
      const operation = pickers[caller.kind](rng.next());
      let variables = operation.variables(rng, world);
      let key = `${operation.name}\n${caller.label}\n${JSON.stringify(variables)}`;
      for (let redraw = 0; inFlight.has(key) && redraw < 5; redraw += 1) {
        operation.settle?.(variables, false);
        variables = operation.variables(rng, world);
        key = `${operation.name}\n${caller.label}\n${JSON.stringify(variables)}`;
      }
      if (inFlight.has(key)) repeatsInFlight += 1;
      inFlight.add(key);
      const figure = figures.get(operation.name) as OperationFigures;
      const started = performance.now();
      let ok = true;
      try {
        if (target.kind === 'gateway') {
          checkData(await postJson(agent, target.url, target.headers(caller), { query: operation.query, variables }));
        } else {
          if (!operation.direct) throw new GraphQLFailure(`${operation.name} has no subgraph fetches to send directly`);
          checkData((await operation.direct(sendDirect(caller), variables)) as Record<string, unknown>);
        }
      } catch (error) {
        ok = false;
        figure.errors += 1;
        const message = `${caller.kind}: ${error instanceof Error ? error.message : String(error)}`;
        if (figure.firstErrors.length < 3 && !figure.firstErrors.includes(message)) figure.firstErrors.push(message);
      }
      figure.latencies.push(performance.now() - started);
      figure.requests += 1;
      inFlight.delete(key);
      operation.settle?.(variables, ok);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { target: target.name, seconds, operations: [...figures.values()].filter((figure) => figure.requests > 0), repeatsInFlight };
}

/** p50 / p95 / p99 of some latencies, in milliseconds, one decimal. */
export function latencyPercentiles(latencies: number[]): [number, number, number] {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return [round(percentile(sorted, 50)), round(percentile(sorted, 95)), round(percentile(sorted, 99))];
}
