import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SERVICE_NODE_FLAGS } from '@nusa/platform';
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
let memoryPort: number;

/** Polls `check` until it yields a value, failing with `what` and the launcher's output after `timeoutMs`. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; the launcher said:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first number the launcher's output captures with `pattern`, once it is there. */
const reported = (pattern: RegExp) => {
  const found = pattern.exec(output)?.[1];
  return found === undefined ? undefined : Number(found);
};

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
};

async function signIn(url: string): Promise<Record<string, string>> {
  const login = await postGraphQL<{ login: { token: string } }>(
    url,
    'mutation { login(email: "admin@localhost", password: "admin") { token } }',
  );
  if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}\n${output}`);
  return { authorization: `Bearer ${login.data.login.token}` };
}

beforeAll(async () => {
  // The launcher runs the compiled services, exactly as `npm start` does.
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root });
  dataDir = mkdtempSync(join(tmpdir(), 'nusa-launcher-'));
  // Run as root, PostgreSQL runs as the postgres user, which must be able to reach its data.
  chmodSync(dataDir, 0o755);
  gatewayPort = await freePort();
  memoryPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    PORT: String(gatewayPort),
    CRM_PORT: String(await freePort()),
    MEMORY_PORT: String(memoryPort),
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

  it('brings a SIGKILLed subgraph back by itself, while the gateway keeps serving the other subgraphs', async () => {
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const auth = await signIn(url);
    const started = await postGraphQL<{ startConversation: { id: string } }>(
      url,
      'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
      {
        c: (
          await postGraphQL<{ clients: { edges: { node: { id: string } }[] } }>(
            url,
            '{ clients(first: 1) { edges { node { id } } } }',
            {},
            auth,
          )
        ).data?.clients.edges[0]?.node.id,
      },
      auth,
    );
    const conversationId = started.data?.startConversation.id;
    const ask = () =>
      postGraphQL<{ clients: { totalCount: number } | null; conversation: { id: string } | null }>(
        url,
        'query($c: ID!) { clients(first: 1) { totalCount } conversation(id: $c) { id } }',
        { c: conversationId },
        auth,
      );
    expect((await ask()).data?.conversation?.id).toBe(conversationId);

    const first = reported(/^memory is up on http:\/\/localhost:\d+\/graphql \(pid (\d+)\)$/m);
    if (first === undefined) throw new Error(`the launcher did not report memory's pid:\n${output}`);
    process.kill(first, 'SIGKILL');

    // While memory is down, crm's data still arrives, and memory's field says what is missing.
    const degraded = await until(async () => {
      const result = await ask();
      return result.errors ? result : undefined;
    }, 'the gateway answers without memory');
    expect(degraded.data?.clients?.totalCount).toBe(50);
    expect(degraded.data?.conversation).toBeNull();
    expect(degraded.errors?.[0]?.extensions).toMatchObject({
      code: 'DOWNSTREAM_SERVICE_ERROR',
      reason: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'memory',
    });

    const second = await until(
      () => reported(/^memory is back on http:\/\/localhost:\d+\/graphql \(pid (\d+), after restart 1\)$/m),
      'memory is back',
    );
    expect(second).not.toBe(first);
    expect(commandOf(first)).toBeUndefined();
    // Restarted as first started: with the services' Node flags.
    expect(commandOf(second)).toContain([...SERVICE_NODE_FLAGS, join(root, 'subgraphs', 'memory', 'dist', 'index.js')].join(' '));
    expect((await fetch(`http://127.0.0.1:${memoryPort}/health`)).status).toBe(200);
    expect(output).toContain(
      `memory crashed: signal SIGKILL (pid ${first}, crash 1 since start); restart attempt 1 in 0.5 s, 1 of 5 restarts allowed in 5 min`,
    );
    expect(output).toMatch(new RegExp(`^memory restarted \\(pid ${second}, restart 1\\); waiting for its health check$`, 'm'));

    // Once the gateway's circuit to memory closes again, the whole answer is back.
    const recovered = await until(async () => {
      const result = await ask();
      return result.errors ? undefined : result;
    }, 'the gateway answers with memory again');
    expect(recovered.data?.conversation?.id).toBe(conversationId);
    // Nothing else was restarted.
    expect(output.match(/ crashed: /g)).toHaveLength(1);
  }, 120_000);

  it('restarts a SIGKILLed embedded PostgreSQL, and the services answer from it again without being restarted', async () => {
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const auth = await signIn(url);
    const first = reported(/^postgres is up on 127\.0\.0\.1:\d+ \(pid (\d+)\)$/m);
    if (first === undefined) throw new Error(`the launcher did not report PostgreSQL's pid:\n${output}`);
    process.kill(first, 'SIGKILL');
    const second = await until(
      () => reported(/^postgres is back on 127\.0\.0\.1:\d+ \(pid (\d+), after restart 1\)$/m),
      'postgres is back',
    );
    expect(second).not.toBe(first);
    expect(output).toContain(`postgres crashed: signal SIGKILL (pid ${first}, crash 1 since start); restart attempt 1 in 0.5 s`);
    // Pools drop the connections the old server took with it and open new ones.
    const answered = await until(async () => {
      const result = await postGraphQL<{ clients: { totalCount: number; edges: { node: { memoryFacts: unknown[] } }[] } }>(
        url,
        '{ clients(first: 1) { totalCount edges { node { memoryFacts { id } } } } }',
        {},
        auth,
      );
      return result.errors ? undefined : result;
    }, 'crm and memory answer from the restarted database');
    expect(answered.data?.clients.totalCount).toBe(50);
    expect(output.match(/ crashed: /g)).toHaveLength(2);
  }, 120_000);

  it('stops every child and the database on Ctrl-C, even while a crashed service waits for its restart, leaving nothing running', async () => {
    const pid = reported(/^memory is back on http:\/\/localhost:\d+\/graphql \(pid (\d+), after restart 1\)$/m);
    if (pid === undefined) throw new Error(`memory was not restarted by the test before:\n${output}`);
    process.kill(pid, 'SIGKILL');
    // A second crash soon after the first: its restart waits 1 s, time enough to ask for the stop.
    await until(
      () => (output.includes(`memory crashed: signal SIGKILL (pid ${pid}, crash 2 since start)`) ? true : undefined),
      'memory crashes again',
    );
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(/^ {2}memory\s+2 crashes\s+1 restart\s+waiting to restart$/m);
    expect(output).toMatch(/^ {2}crm\s+0 crashes\s+0 restarts\s+up$/m);
    expect(output).toMatch(/^ {2}postgres\s+1 crash\s+1 restart\s+up$/m);
    expect(output.slice(output.indexOf('crash 2 since start'))).not.toContain('memory restarted');
    expect(processesMentioning(dataDir)).toEqual([]);
    for (const entry of ['gateway/dist/index.js', 'subgraphs/memory/dist/index.js', 'subgraphs/knowledge/dist/index.js']) {
      expect(processesMentioning(join(root, entry))).toEqual([]);
    }
    await expect(fetch(`http://127.0.0.1:${gatewayPort}/health`)).rejects.toThrow();
  }, 60_000);
});
