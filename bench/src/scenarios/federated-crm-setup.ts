import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDENTITY_HEADER, signIdentity, type Caller } from '@nusa/platform';
import type { SubgraphHeaders } from '../direct.js';
import { freshIdentity, hiveIdentityHeaders } from '../identity.js';
import { createTestDatabase, freePort } from '@nusa/platform/testing';
import { benchSecrets, writeSupergraph } from '../gateways.js';
import { root, startProcess, type BenchProcess } from '../processes.js';
import { graphqlData } from '../report.js';

/** Clients with their practices and assignees (crm), conversations and memory facts (memory). */
export const federatedCrmQuery = `query FederatedCrm {
  clients(first: 50) {
    edges {
      node {
        id
        fullName
        status
        practices { type status assignee { name } }
        conversations(first: 5) { totalCount edges { node { title messageCount } } }
        memoryFacts { kind content }
      }
    }
  }
}`;

/** The crm and memory subgraphs on a fresh database with the demo data, a conversation and two facts per client. */
export interface CrmGraph {
  supergraphSdl: string;
  supergraphPath: string;
  urls: Record<string, string>;
  /** The signed-in admin, as a bearer token (for ours) and as a caller (to sign an identity for peers and direct runs). */
  token: string;
  caller: Caller;
  /** The admin's identity signed for the subgraph named, as our gateway would send it (direct runs). */
  identityHeaders: SubgraphHeaders;
  /** The admin's identities for every subgraph, as a client of Hive Gateway sends them. */
  hiveHeaders: () => Record<string, string>;
  processes: BenchProcess[];
  stop: () => Promise<void>;
}

export function checkFederatedCrmData(data: unknown): void {
  const edges = (data as { clients?: { edges?: { node: { conversations: { totalCount: number }; memoryFacts: unknown[] } }[] } }).clients
    ?.edges;
  if (edges?.length !== 50 || edges.some(({ node }) => node.conversations.totalCount < 1 || node.memoryFacts.length < 2)) {
    throw new Error(`unexpected FederatedCrm data: ${JSON.stringify(data).slice(0, 300)}`);
  }
}

/**
 * Starts crm and memory on a fresh test database (with the demo data) and gives each of the first 50
 * clients a conversation and two facts, straight through the subgraphs as the signed-in admin.
 */
export async function startCrmGraph(): Promise<CrmGraph> {
  const database = await createTestDatabase('bench_federated_crm');
  const [crmPort, memoryPort] = [await freePort(), await freePort()];
  const processes: BenchProcess[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'bench-crm-'));
  const stop = async () => {
    for (const p of processes.reverse()) await p.stop();
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const urls = { crm: `http://127.0.0.1:${crmPort}/graphql`, memory: `http://127.0.0.1:${memoryPort}/graphql` };
    processes.push(
      await startProcess(
        'crm',
        'subgraphs/crm/dist/index.js',
        { ...benchSecrets, DATABASE_URL: database.url, CRM_PORT: String(crmPort) },
        `http://127.0.0.1:${crmPort}/health`,
      ),
      await startProcess(
        'memory',
        'subgraphs/memory/dist/index.js',
        { ...benchSecrets, DATABASE_URL: database.url, MEMORY_PORT: String(memoryPort), CRM_URL: urls.crm },
        `http://127.0.0.1:${memoryPort}/health`,
      ),
    );
    const supergraphSdl = readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8');
    const login = await graphqlData<{ login: { token: string; member: { id: string; name: string; email: string; role: 'ADMIN' } } }>(
      urls.crm,
      { [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'bench' }, benchSecrets.INTERNAL_SECRET, 'crm') },
      'mutation { login(email: "admin@localhost", password: "admin") { token member { id name email role } } }',
    );
    const caller: Caller = { kind: 'member', ...login.login.member };
    const signed = {
      crm: freshIdentity(caller, benchSecrets.INTERNAL_SECRET, 'crm'),
      memory: freshIdentity(caller, benchSecrets.INTERNAL_SECRET, 'memory'),
    };
    const identityHeaders: SubgraphHeaders = (subgraph) => (subgraph === 'memory' ? signed.memory() : signed.crm());
    const hiveHeaders = hiveIdentityHeaders(caller, benchSecrets.INTERNAL_SECRET, ['crm', 'memory']);
    const clients = await graphqlData<{ clients: { edges: { node: { id: string } }[] } }>(
      urls.crm,
      identityHeaders('crm'),
      '{ clients(first: 50) { edges { node { id } } } }',
    );
    for (const { node } of clients.clients.edges) {
      const variables = { c: node.id };
      await graphqlData(
        urls.memory,
        identityHeaders('memory'),
        'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
        variables,
      );
      await graphqlData(
        urls.memory,
        identityHeaders('memory'),
        'mutation($c: ID!) { a: rememberFact(input: { clientId: $c, content: "Holds an Australian passport" }) { id } b: rememberFact(input: { clientId: $c, content: "Budget around 500 million rupiah for a villa lease" }) { id } }',
        variables,
      );
    }
    return {
      supergraphSdl,
      supergraphPath: writeSupergraph(directory, supergraphSdl, urls),
      urls,
      token: login.login.token,
      caller,
      identityHeaders,
      hiveHeaders,
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
