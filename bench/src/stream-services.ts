import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@nusa/platform/testing';
import { benchSecrets, writeSupergraph } from './gateways.js';
import { root, startProcess, type BenchProcess } from './processes.js';

/** The subgraphs an answer streams through, started for a streaming benchmark. */
export interface StreamServices {
  urls: { crm: string; memory: string; chat: string };
  /** A supergraph file in `directory` naming them (knowledge absent). */
  supergraphPath: string;
}

/**
 * crm, memory and chat on free ports (pushed onto `processes` as they start, so a failure still
 * stops those that did), chat's model at `modelBaseUrl`, no knowledge service: grounding finds
 * nothing at once, so the figures are the streaming path's.
 */
export async function startStreamServices(options: {
  databaseUrl: string;
  redisUrl?: string;
  modelBaseUrl: string;
  directory: string;
  processes: BenchProcess[];
}): Promise<StreamServices> {
  const [crmPort, memoryPort, chatPort] = [await freePort(), await freePort(), await freePort()];
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const urls = { crm: `${url(crmPort)}/graphql`, memory: `${url(memoryPort)}/graphql`, chat: `${url(chatPort)}/graphql` };
  const shared = { ...benchSecrets, ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}) };
  const { processes } = options;
  processes.push(
    await startProcess(
      'crm',
      'subgraphs/crm/dist/index.js',
      { ...shared, DATABASE_URL: options.databaseUrl, CRM_PORT: String(crmPort) },
      `${url(crmPort)}/health`,
    ),
  );
  processes.push(
    await startProcess(
      'memory',
      'subgraphs/memory/dist/index.js',
      { ...shared, DATABASE_URL: options.databaseUrl, MEMORY_PORT: String(memoryPort), CRM_URL: urls.crm },
      `${url(memoryPort)}/health`,
    ),
  );
  processes.push(
    await startProcess(
      'chat',
      'subgraphs/chat/dist/index.js',
      {
        ...shared,
        CHAT_PORT: String(chatPort),
        // The missing knowledge service would log a warning per answer.
        LOG_LEVEL: 'error',
        CRM_URL: urls.crm,
        MEMORY_URL: urls.memory,
        KNOWLEDGE_URL: 'http://127.0.0.1:9/graphql',
        ANTHROPIC_API_KEY: 'bench',
        ANTHROPIC_BASE_URL: options.modelBaseUrl,
      },
      `${url(chatPort)}/health`,
    ),
  );
  const supergraphPath = writeSupergraph(options.directory, readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8'), {
    ...urls,
    knowledge: 'http://127.0.0.1:9/graphql',
  });
  return { urls, supergraphPath };
}
