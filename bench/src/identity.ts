import { IDENTITY_HEADER, IDENTITY_TTL_SECONDS, signIdentity, type Caller } from '@nusa/platform';

/**
 * The identity header a subgraph called directly expects from the gateway, for `caller` and the
 * subgraph `audience`, signed again whenever a third of its short lifetime has passed (a benchmark
 * outlives one signature).
 */
export function freshIdentity(caller: Caller, internalSecret: string, audience: string): () => Record<string, string> {
  let signedAt = 0;
  let headers: Record<string, string> = {};
  return () => {
    const now = Date.now();
    if (now - signedAt > (IDENTITY_TTL_SECONDS * 1000) / 3) {
      headers = { [IDENTITY_HEADER]: signIdentity(caller, internalSecret, audience) };
      signedAt = now;
    }
    return headers;
  };
}

/**
 * What a client of Hive Gateway sends in the benchmarks: `x-nusa-identity-<subgraph>` for each
 * subgraph, which Hive forwards to that subgraph as its `x-nusa-identity` (see `startHive`).
 */
export function hiveIdentityHeaders(caller: Caller, internalSecret: string, subgraphs: readonly string[]): () => Record<string, string> {
  const each = subgraphs.map((subgraph) => [subgraph, freshIdentity(caller, internalSecret, subgraph)] as const);
  return () => Object.fromEntries(each.map(([subgraph, headers]) => [`${IDENTITY_HEADER}-${subgraph}`, headers()[IDENTITY_HEADER] ?? '']));
}
