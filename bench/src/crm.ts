import { IDENTITY_HEADER, resolveSecrets, signIdentity, type Caller } from '@nusa/shared';
import { createTestDatabase, freePort } from '@nusa/shared/testing';
import { startProcess, type BenchProcess } from './processes.js';
import { load, report, type Row } from './report.js';

const QUERY = '{ clients(first: 50) { edges { node { fullName practices { type status assignee { name } } } } } }';
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function checkedOnce(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { data?: { clients: { edges: unknown[] } }; errors?: unknown };
  if (body.errors || body.data?.clients.edges.length !== 50)
    throw new Error(`unexpected response from ${url}: ${JSON.stringify(body).slice(0, 300)}`);
}

async function measure(target: string, url: string, headers: Record<string, string>, seconds: number): Promise<Row> {
  await checkedOnce(url, headers);
  return load(target, url, headers, JSON.stringify({ query: QUERY }), seconds, CONNECTIONS);
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_crm');
  const [crmPort, gatewayPort] = [await freePort(), await freePort()];
  const processes: BenchProcess[] = [];
  try {
    processes.push(
      await startProcess(
        'crm',
        'subgraphs/crm/dist/index.js',
        { DATABASE_URL: database.url, CRM_PORT: String(crmPort) },
        `http://127.0.0.1:${crmPort}/health`,
      ),
    );
    const crmUrl = `http://127.0.0.1:${crmPort}/graphql`;
    processes.push(
      await startProcess(
        'gateway',
        'gateway/dist/index.js',
        { PORT: String(gatewayPort), CRM_URL: crmUrl },
        `http://127.0.0.1:${gatewayPort}/health`,
      ),
    );
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

    const login = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(email: "admin@localhost", password: "admin") { token member { id name email role } } }',
      }),
    });
    const { data } = (await login.json()) as {
      data: { login: { token: string; member: { id: string; name: string; email: string; role: 'ADMIN' } } };
    };
    const caller: Caller = { kind: 'member', ...data.login.member };
    const { internalSecret } = resolveSecrets({ NODE_ENV: 'development' });

    process.stdout.write(`warming up (5 s each) ...\n`);
    await measure('warm-up', gatewayUrl, { authorization: `Bearer ${data.login.token}` }, 5);
    // Identity headers expire after five minutes; one signed now outlives the run.
    await measure('warm-up', crmUrl, { [IDENTITY_HEADER]: signIdentity(caller, internalSecret) }, 5);

    const rows: Row[] = [];
    process.stdout.write(`measuring ${DURATION} s per target at ${CONNECTIONS} connections ...\n`);
    rows.push(await measure('gateway → crm', gatewayUrl, { authorization: `Bearer ${data.login.token}` }, DURATION));
    rows.push(await measure('crm direct', crmUrl, { [IDENTITY_HEADER]: signIdentity(caller, internalSecret) }, DURATION));
    const rss = processes.map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ');
    const [viaGateway, direct] = rows as [Row, Row];
    report(
      'bench:crm',
      `Query: \`${QUERY}\`; ${CONNECTIONS} connections, ${DURATION} s per target after a 5 s warm-up.`,
      rows,
      `Gateway throughput / direct: ${(viaGateway.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}. Peak RSS: ${rss}.`,
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
