import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadGatewayConfig } from '../../gateway/src/config.js';
import { SERVICE_NODE_FLAGS } from '../../packages/platform/src/lifecycle.js';
import { SERVICES } from '../../packages/launcher/src/services.js';
import { DEFAULT_RESTART_POLICY } from '../../packages/launcher/src/supervision.js';
import { loadChatConfig } from '../../subgraphs/chat/src/config.js';
import { loadCrmConfig } from '../../subgraphs/crm/src/config.js';
import { loadKnowledgeConfig } from '../../subgraphs/knowledge/src/config.js';
import { loadMemoryConfig } from '../../subgraphs/memory/src/config.js';
import type { CodeFacts, ServiceFacts } from './facts.js';

/** Each service's config loader, by the name packages/launcher/src/services.ts gives the service. */
const LOADERS: Record<string, (env: NodeJS.ProcessEnv) => { port: number }> = {
  gateway: loadGatewayConfig,
  crm: loadCrmConfig,
  memory: loadMemoryConfig,
  knowledge: loadKnowledgeConfig,
  chat: loadChatConfig,
};

/** The variables a loader reads: it is handed an environment that notes every name asked for. */
function settingsRead(load: (env: NodeJS.ProcessEnv) => unknown): Set<string> {
  const names = new Set<string>();
  const env = new Proxy<NodeJS.ProcessEnv>(
    {},
    {
      get: (_target, key) => {
        if (typeof key === 'string' && /^[A-Z][A-Z0-9_]*$/.test(key)) names.add(key);
        return undefined;
      },
    },
  );
  try {
    load(env);
  } catch {
    // Required settings are missing from the empty environment; the names were read before that was reported.
  }
  return names;
}

/** The exact paths a server answers, from the route table in its source (`'/health': …`). */
function routes(root: string, file: string): Set<string> {
  return new Set([...readFileSync(join(root, file), 'utf8').matchAll(/^\s*'(\/[a-z/]*)':/gm)].map((match) => match[1] ?? ''));
}

/** What the deployment files must agree with, read from the code under `root`. */
export function codeFacts(root: string): CodeFacts {
  const services = SERVICES.map((service): ServiceFacts => {
    const load = LOADERS[service.name];
    if (!load) throw new Error(`No config loader known for the service ${service.name}; add it to LOADERS`);
    return { name: service.name, entry: service.entry, portVariable: service.portVariable, settings: settingsRead(load), load };
  });
  const served = [routes(root, 'packages/subgraph/src/subgraph-server.ts'), routes(root, 'gateway/src/server.ts')];
  const healthPath = '/health';
  if (!served.every((paths) => paths.has(healthPath))) throw new Error(`Not every server answers ${healthPath}`);
  const chromaSource = readFileSync(join(root, 'subgraphs/knowledge/src/chroma/chroma-server.ts'), 'utf8');
  const chromaHealthPath = /\$\{url\}(\/api\/[a-z0-9/]+)/.exec(chromaSource)?.[1];
  if (!chromaHealthPath) throw new Error('Cannot find the Chroma heartbeat path in chroma-server.ts');
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  const ciCommands = readFileSync(join(root, '.ci/run'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npm '));
  const supergraph = loadGatewayConfig({}).supergraphPath;
  return {
    services,
    healthPath,
    chroma: { port: loadKnowledgeConfig({ DATABASE_URL: 'postgres://localhost/x' }).chromaPort, healthPath: chromaHealthPath },
    workspaces: packageJson.workspaces,
    ciCommands,
    runtimeFiles: [relative(root, supergraph)],
    restartLimit: DEFAULT_RESTART_POLICY.restartLimit,
    nodeFlags: SERVICE_NODE_FLAGS,
  };
}
