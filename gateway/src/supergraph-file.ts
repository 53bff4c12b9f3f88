import { readFile } from 'node:fs/promises';
import { unwatchFile, watchFile } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@nusa/platform';

/** How often the supergraph file is checked for changes; polling survives editors that replace files. */
const POLL_INTERVAL_MS = 500;

/** The subgraphs a supergraph names, with their URLs, as federation itself reads them (its `join__Graph` enum). */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  const graphs: Record<string, string> = {};
  for (const subgraph of Supergraph.build(supergraphSdl).subgraphs()) graphs[subgraph.name] = subgraph.url;
  return graphs;
}

/**
 * Serves the supergraph in `path` and hands every changed, non-empty version to the gateway. A
 * version the gateway rejects is logged and the previous schema keeps serving.
 */
export function supergraphFromFile(path: string, logger: Logger, onLoad: (sdl: string) => void): SupergraphSdlHook {
  return async ({ update }) => {
    let current = await readFile(path, 'utf8');
    onLoad(current);
    let checking = Promise.resolve();
    const check = () => {
      checking = checking.then(async () => {
        const next = await readFile(path, 'utf8').catch(() => '');
        if (!next.trim() || next === current) return;
        try {
          update(next);
          current = next;
          onLoad(next);
          logger.info({ path }, 'supergraph reloaded');
        } catch (error) {
          logger.error({ err: error, path }, 'supergraph change rejected; still serving the previous one');
        }
      });
    };
    watchFile(path, { interval: POLL_INTERVAL_MS }, check);
    return {
      supergraphSdl: current,
      cleanup: async () => {
        unwatchFile(path, check);
        await checking;
      },
    };
  };
}
