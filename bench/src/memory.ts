import { resolveSecrets } from '@nusa/platform';
import { createTestDatabase, freePort } from '@nusa/platform/testing';
import { freshIdentity } from './identity.js';
import { startProcess, type BenchProcess } from './processes.js';
import { graphqlData, load, report, type Row } from './report.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const CONVERSATIONS = 20;
const redisUrl = process.env.REDIS_URL;

const readQuery = (direction: 'first' | 'last') =>
  `query Recent($id: ID!) { conversation(id: $id) { messages(${direction}: 50) { edges { node { seq role content status } } } } }`;

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_memory');
  const [crmPort, memoryPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const processes: BenchProcess[] = [];
  const crmUrl = `http://127.0.0.1:${crmPort}/graphql`;
  const memoryOrigin = `http://127.0.0.1:${memoryPort}`;
  try {
    processes.push(
      await startProcess(
        'crm',
        'subgraphs/crm/dist/index.js',
        { DATABASE_URL: database.url, CRM_PORT: String(crmPort) },
        `http://127.0.0.1:${crmPort}/health`,
      ),
    );
    processes.push(
      await startProcess(
        'memory',
        'subgraphs/memory/dist/index.js',
        { DATABASE_URL: database.url, MEMORY_PORT: String(memoryPort), CRM_URL: crmUrl, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
        `${memoryOrigin}/health`,
      ),
    );
    processes.push(
      await startProcess(
        'gateway',
        'gateway/dist/index.js',
        { PORT: String(gatewayPort), CRM_URL: crmUrl, MEMORY_URL: `${memoryOrigin}/graphql` },
        `http://127.0.0.1:${gatewayPort}/health`,
      ),
    );
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const login = await graphqlData<{ login: { token: string } }>(
      gatewayUrl,
      {},
      'mutation { login(email: "admin@localhost", password: "admin") { token } }',
    );
    const auth = { authorization: `Bearer ${login.login.token}` };
    const clients = await graphqlData<{ clients: { edges: { node: { id: string } }[] } }>(
      gatewayUrl,
      auth,
      `{ clients(first: ${CONVERSATIONS}) { edges { node { id } } } }`,
    );
    const conversationIds: string[] = [];
    for (const { node } of clients.clients.edges) {
      const started = await graphqlData<{ startConversation: { id: string } }>(
        gatewayUrl,
        auth,
        'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
        { c: node.id },
      );
      conversationIds.push(started.startConversation.id);
    }
    const { internalSecret } = resolveSecrets({ NODE_ENV: 'development' });
    const service = freshIdentity({ kind: 'service', name: 'bench' }, internalSecret, 'memory');
    let sent = 0;
    const append = () => {
      sent += 1;
      return JSON.stringify({
        conversationId: conversationIds[sent % CONVERSATIONS],
        role: 'USER',
        content: `How long does a KITAS extension take? (${sent})`,
      });
    };

    const rows: Row[] = [];
    process.stdout.write(`measuring ${DURATION} s per target at ${CONNECTIONS} connections ...\n`);
    rows.push(
      await load(
        'append message (internal API, 20 conversations)',
        `${memoryOrigin}/internal/messages`,
        service,
        append,
        DURATION,
        CONNECTIONS,
      ),
    );
    const target = conversationIds[0] ?? '';
    const check = await graphqlData<{ conversation: { messages: { edges: unknown[] } } }>(gatewayUrl, auth, readQuery('last'), {
      id: target,
    });
    if (check.conversation.messages.edges.length !== 50) throw new Error('the conversation has fewer than 50 messages');
    const read = (direction: 'first' | 'last') => JSON.stringify({ query: readQuery(direction), variables: { id: target } });
    await load('warm-up', gatewayUrl, auth, read('last'), 3, CONNECTIONS);
    rows.push(await load('last 50 via gateway (cached)', gatewayUrl, auth, read('last'), DURATION, CONNECTIONS));
    rows.push(await load('first 50 via gateway (PostgreSQL)', gatewayUrl, auth, read('first'), DURATION, CONNECTIONS));
    const rss = processes.map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ');
    report(
      'bench:memory',
      `${CONNECTIONS} connections, ${DURATION} s per target; cache: ${redisUrl ? 'Redis' : 'in-process'}. Writes go straight to the memory service's internal API, reads through the gateway.`,
      rows,
      `Peak RSS: ${rss}.`,
    );
  } finally {
    for (const p of processes.reverse()) await p.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
