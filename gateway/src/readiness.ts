import { probe, type DependencyState } from '@nusa/platform';

/** Each subgraph's `/health`, probed in parallel with a short deadline. */
export async function subgraphStates(urls: Record<string, string>, timeoutMs = 2000): Promise<Record<string, DependencyState>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const health = new URL('/health', url);
      const state = await probe(async () => {
        const response = await fetch(health, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`/health answered ${response.status}`);
      }, timeoutMs);
      return [name, state] as const;
    }),
  );
  return Object.fromEntries(entries);
}
