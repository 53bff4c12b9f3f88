import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { freePort } from '@nusa/platform/testing';
import { writeSupergraph } from '../gateways.js';
import { startProcess, type BenchProcess } from '../processes.js';
import { subgraphNames, typeDefsOf } from './subgraphs.js';

/** The four subgraphs of the public benchmark running, and their supergraph on disk. */
export interface PublicBenchmarkGraph {
  supergraphSdl: string;
  supergraphPath: string;
  urls: Record<string, string>;
  processes: BenchProcess[];
  stop: () => Promise<void>;
}

/** Starts `accounts`, `inventory`, `products` and `reviews` (one process each) and composes their supergraph. */
export async function startPublicBenchmarkGraph(): Promise<PublicBenchmarkGraph> {
  const processes: BenchProcess[] = [];
  const urls: Record<string, string> = {};
  const directory = mkdtempSync(join(tmpdir(), 'bench-public-'));
  const stop = async () => {
    for (const p of processes.reverse()) await p.stop();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    for (const name of subgraphNames) {
      const port = await freePort();
      processes.push(
        await startProcess(name, 'bench/dist/public-benchmark/serve.js', {}, `http://127.0.0.1:${port}/health`, {
          args: [name, String(port)],
        }),
      );
      urls[name] = `http://127.0.0.1:${port}/graphql`;
    }
    const composed = composeServices(subgraphNames.map((name) => ({ name, url: urls[name], typeDefs: parse(typeDefsOf(name)) })));
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
    const supergraphSdl = composed.supergraphSdl;
    return { supergraphSdl, supergraphPath: writeSupergraph(directory, supergraphSdl, urls), urls, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
