import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { freePort, postGraphQL } from '@nusa/platform/testing';

const root = join(__dirname, '..');

function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

let launcher: ChildProcess;
let output = '';
let dataDir: string;
let gatewayPort: number;

beforeAll(async () => {
  // The launcher runs the compiled services, exactly as `npm start` does.
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root });
  dataDir = mkdtempSync(join(tmpdir(), 'nusa-launcher-'));
  // Run as root, PostgreSQL runs as the postgres user, which must be able to reach its data.
  chmodSync(dataDir, 0o755);
  gatewayPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    PORT: String(gatewayPort),
    CRM_PORT: String(await freePort()),
    MEMORY_PORT: String(await freePort()),
    KNOWLEDGE_PORT: String(await freePort()),
    CHAT_PORT: String(await freePort()),
    CHROMA_PORT: String(await freePort()),
    GLIBC_DIR: join(root, '.data', 'glibc'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  launcher = spawn(process.execPath, [join(root, 'packages', 'launcher', 'dist', 'index.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('The platform is running')) {
    if (launcher.exitCode !== null || Date.now() > deadline) throw new Error(`the launcher did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 180_000);

afterAll(() => {
  if (launcher.exitCode === null) launcher.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one-command start on embedded defaults', () => {
  it('serves the federated graph with the demo data to a signed-in admin', async () => {
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const login = await postGraphQL<{ login: { token: string } }>(
      url,
      'mutation { login(email: "admin@localhost", password: "admin") { token } }',
    );
    if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}\n${output}`);
    const result = await postGraphQL<{ clients: { totalCount: number; edges: { node: { practices: unknown[] } }[] } }>(
      url,
      '{ clients(first: 5) { totalCount edges { node { fullName practices { type status } } } } }',
      {},
      { authorization: `Bearer ${login.data?.login.token}` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.clients.totalCount).toBe(50);
    expect(result.data?.clients.edges).toHaveLength(5);
  });

  it('serves the seeded knowledge base: collections with counts and a paraphrased question answered with a citation', async () => {
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const login = await postGraphQL<{ login: { token: string } }>(
      url,
      'mutation { login(email: "admin@localhost", password: "admin") { token } }',
    );
    const auth = { authorization: `Bearer ${login.data?.login.token}` };
    const collections = await postGraphQL<{ knowledgeCollections: { name: string; documentCount: number }[] }>(
      url,
      '{ knowledgeCollections { name documentCount chunkCount } }',
      {},
      auth,
    );
    expect(collections.data?.knowledgeCollections).toHaveLength(6);
    expect(collections.data?.knowledgeCollections.every((collection) => collection.documentCount >= 9)).toBe(true);
    const search = await postGraphQL<{ searchKnowledge: { citation: { title: string; collection: string } }[] }>(
      url,
      '{ searchKnowledge(query: "Which days is the airport shut for the Balinese new year silence?", limit: 3) { citation { title collection } } }',
      {},
      auth,
    );
    expect(search.data?.searchKnowledge.map((hit) => hit.citation.collection)).toContain('cultural_intelligence');
  });

  it('answers a question offline, streamed token by token through the gateway to a graphql-ws client', async () => {
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const login = await postGraphQL<{ login: { token: string } }>(
      url,
      'mutation { login(email: "admin@localhost", password: "admin") { token } }',
    );
    const token = login.data?.login.token ?? '';
    const auth = { authorization: `Bearer ${token}` };
    const clients = await postGraphQL<{ clients: { edges: { node: { id: string } }[] } }>(
      url,
      '{ clients(first: 1) { edges { node { id } } } }',
      {},
      auth,
    );
    const started = await postGraphQL<{ startConversation: { id: string } }>(
      url,
      'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
      { c: clients.data?.clients.edges[0]?.node.id },
      auth,
    );
    const sent = await postGraphQL<{ sendMessage: { offline: boolean; assistantMessage: { id: string } } }>(
      url,
      'mutation($c: ID!) { sendMessage(input: { conversationId: $c, content: "How long can I stay on a visa on arrival?" }) { offline assistantMessage { id } } }',
      { c: started.data?.startConversation.id },
      auth,
    );
    expect(sent.data?.sendMessage.offline).toBe(true);
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: auth, retryAttempts: 0 });
    const arrivals: { seq: number; delta: string; at: number; done: boolean; content: string }[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe<{ messageStream: { seq: number; delta: string; done: boolean; message: { content: string } } }>(
          {
            query: 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta done message { content } } }',
            variables: { id: sent.data?.sendMessage.assistantMessage.id },
          },
          {
            next: ({ data, errors }) => {
              if (errors) reject(new Error(JSON.stringify(errors)));
              const event = data?.messageStream;
              if (event) arrivals.push({ ...event, content: event.message.content, at: performance.now() });
            },
            error: reject,
            complete: resolve,
          },
        );
      });
    } finally {
      await client.dispose();
    }
    expect(arrivals.length).toBeGreaterThan(10);
    expect(arrivals.map((event) => event.seq)).toEqual(arrivals.map((_, index) => index + 1));
    // Tokens arrive one after another over time, not in one burst at the end.
    expect((arrivals[arrivals.length - 1]?.at ?? 0) - (arrivals[0]?.at ?? 0)).toBeGreaterThan(50);
    const answer = arrivals.map((event) => event.delta).join('');
    expect(arrivals[arrivals.length - 1]?.done).toBe(true);
    expect(arrivals[arrivals.length - 1]?.content).toBe(answer);
    expect(answer).toMatch(/\[1\]/);
  });

  it('stops every child and the database on Ctrl-C, leaving nothing running', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(processesMentioning(join(root, 'gateway', 'dist', 'index.js'))).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${gatewayPort}/health`)).rejects.toThrow();
  }, 60_000);
});
