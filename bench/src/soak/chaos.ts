import type { SoakClient } from './client.js';
import type { Component, SoakPlatform } from './platform.js';
import type { Random } from './random.js';

/** What the schedule kills: each subgraph, one of the gateways, Redis, PostgreSQL, Chroma. */
export const FAULT_KINDS = ['crm', 'memory', 'knowledge', 'chat', 'gateway', 'redis', 'postgres', 'chroma'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One planned fault: when (ms after the soak started) and what. */
export interface PlannedFault {
  kind: FaultKind;
  target: Component;
  at: number;
}

/** A fault as it ran. */
export interface Fault extends PlannedFault {
  killedAt: number;
  pid: number | undefined;
  /** When every probe of what it broke answered again; undefined: not within 2 minutes. */
  recoveredAt: number | undefined;
  newPid: number | undefined;
}

/**
 * The schedule: each kind `repeats` times, in rounds of every kind in a seeded order, one fault per
 * slot between the warm-up and the quiet tail, at a seeded moment in the first 40 % of its slot.
 * The gateway faults alternate between the two gateways.
 */
export function planFaults(random: Random, durationMs: number, warmUpMs: number, tailMs: number, repeats: number): PlannedFault[] {
  const order = Array.from({ length: repeats }, () => random.shuffle(FAULT_KINDS)).flat();
  const slot = (durationMs - warmUpMs - tailMs) / order.length;
  let gateways = 0;
  return order.map((kind, index) => {
    let target: Component;
    if (kind === 'gateway') {
      target = gateways % 2 === 0 ? 'gateway-a' : 'gateway-b';
      gateways += 1;
    } else target = kind;
    return { kind, target, at: Math.round(warmUpMs + index * slot + random.next() * slot * 0.4) };
  });
}

type Probe = () => Promise<boolean>;

/** Probes that pass once what the fault broke answers again through the gateways. */
export function probes(
  platform: SoakPlatform,
  client: SoakClient,
  ids: { conversationId: string; messageId: string },
): Record<Component, Probe> {
  const every =
    (query: string, variables: Record<string, unknown> = {}, only?: string) =>
    async () => {
      for (const gateway of platform.gateways) {
        if (only && gateway.name !== only) continue;
        const result = await client.once(gateway.url, query, variables);
        if (!result.ok) return false;
      }
      return true;
    };
  const both =
    (...checks: Probe[]) =>
    async () => {
      for (const check of checks) if (!(await check())) return false;
      return true;
    };
  const clients = every('{ clients(first: 1) { totalCount } }');
  const conversation = every('query($c: ID!) { conversation(id: $c) { id messageCount } }', { c: ids.conversationId });
  const generation = every('query($m: ID!) { generation(messageId: $m) { lastSeq done } }', { m: ids.messageId });
  const keyword = every('{ searchKnowledge(query: "visa extension", limit: 1, mode: KEYWORD) { score } }');
  const vector = every('{ searchKnowledge(query: "visa extension", limit: 1, mode: VECTOR) { score } }');
  const redisUp = async () => {
    for (const gateway of platform.gateways) {
      const ready = await fetch(new URL('/ready', gateway.url), { signal: AbortSignal.timeout(2000) }).then(
        async (response) => (await response.json()) as { dependencies?: { redis?: { state?: string } } },
        () => undefined,
      );
      if (ready?.dependencies?.redis?.state !== 'up') return false;
    }
    return true;
  };
  return {
    crm: clients,
    memory: conversation,
    knowledge: keyword,
    chat: generation,
    'gateway-a': every('{ clients(first: 1) { totalCount } }', {}, 'gateway-a'),
    'gateway-b': every('{ clients(first: 1) { totalCount } }', {}, 'gateway-b'),
    redis: both(redisUp, generation),
    postgres: both(clients, conversation, keyword),
    chroma: vector,
  };
}

/** SIGKILLs the target's current process, as the kernel's out-of-memory killer does. */
export function kill(platform: SoakPlatform, target: Component): number | undefined {
  const pid = platform.pid(target);
  if (pid === undefined) return undefined;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  return pid;
}

/**
 * Runs one fault: kills, then waits until the target runs as a new process and its probe passes
 * (polled every 250 ms, at most 2 minutes).
 */
export async function runFault(
  planned: PlannedFault,
  platform: SoakPlatform,
  probe: Probe,
  clock: () => number,
  log: (line: string) => void,
): Promise<Fault> {
  const pid = kill(platform, planned.target);
  const killedAt = clock();
  log(`fault: SIGKILL ${planned.target} (pid ${String(pid)}) at ${(killedAt / 1000).toFixed(1)} s`);
  const deadline = Date.now() + 120_000;
  let recoveredAt: number | undefined;
  let newPid: number | undefined;
  // Give the kill time to be noticed before the first probe: a probe answered from before it proves nothing.
  await new Promise((resolve) => setTimeout(resolve, 100));
  while (Date.now() < deadline) {
    newPid = platform.pid(planned.target);
    if (newPid !== undefined && newPid !== pid && (await probe())) {
      recoveredAt = clock();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log(
    recoveredAt === undefined
      ? `fault: ${planned.target} did NOT recover within 120 s`
      : `fault: ${planned.target} recovered in ${((recoveredAt - killedAt) / 1000).toFixed(1)} s (pid ${String(newPid)})`,
  );
  return { ...planned, killedAt, pid, recoveredAt, newPid };
}
