import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSecrets, Role, signSessionToken } from '@nusa/platform';
import { freshIdentity } from './identity.js';
import { createTestDatabase, freePort } from '@nusa/platform/testing';
import { processTree } from '@nusa/platform/testing';
import { cpuMeter, pidOf, root, startProcess, type BenchProcess } from './processes.js';
import { graphqlData, load, reportTable, type Row } from './report.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TARGET_CHUNKS = Number(process.env.BENCH_CHUNKS ?? 10_000);
const INGEST_CONCURRENCY = 4;
const seedDir = join(root, 'subgraphs', 'knowledge', 'seed');

/** Paragraphs of the seed documents, to compose synthetic documents that read like real ones. */
function paragraphs(): string[] {
  // Collections are the seed's folders; files beside them (the domain vocabulary) are not documents.
  const collections = readdirSync(seedDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return collections.flatMap(({ name: collection }) =>
    readdirSync(join(seedDir, collection)).flatMap((file) =>
      readFileSync(join(seedDir, collection, file), 'utf8')
        .split(/\n{2,}/)
        .filter((block) => block.length > 80 && !block.startsWith('---') && !block.startsWith('#')),
    ),
  );
}

function syntheticDocument(pool: string[], n: number): string {
  const sections = Array.from({ length: 8 }, (_, s) => {
    const body = Array.from({ length: 4 }, (__, p) => pool[(n * 31 + s * 7 + p * 13) % pool.length]).join('\n\n');
    return `## Section ${s + 1} of case file ${n}\n\n${body}`;
  });
  return `# Case file ${n}\n\n${sections.join('\n\n')}`;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_kb');
  // The crm answers the gateway's session-revocation checks, as on a running platform.
  const crmDatabase = await createTestDatabase('bench_kb_crm');
  const dataDir = mkdtempSync(join(tmpdir(), 'nusa-bench-kb-'));
  const [knowledgePort, chromaPort, gatewayPort, crmPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const processes: BenchProcess[] = [];
  const knowledgeUrl = `http://127.0.0.1:${knowledgePort}/graphql`;
  try {
    const knowledge = await startProcess(
      'knowledge',
      'subgraphs/knowledge/dist/index.js',
      {
        DATABASE_URL: database.url,
        KNOWLEDGE_PORT: String(knowledgePort),
        CHROMA_PORT: String(chromaPort),
        DATA_DIR: dataDir,
        GLIBC_DIR: join(root, '.data', 'glibc'),
      },
      `http://127.0.0.1:${knowledgePort}/health`,
    );
    processes.push(knowledge);
    processes.push(
      await startProcess(
        'crm',
        'subgraphs/crm/dist/index.js',
        { DATABASE_URL: crmDatabase.url, CRM_PORT: String(crmPort) },
        `http://127.0.0.1:${crmPort}/health`,
      ),
    );
    const gateway = await startProcess(
      'gateway',
      'gateway/dist/index.js',
      { PORT: String(gatewayPort), KNOWLEDGE_URL: knowledgeUrl, CRM_URL: `http://127.0.0.1:${crmPort}/graphql` },
      `http://127.0.0.1:${gatewayPort}/health`,
    );
    processes.push(gateway);
    const { jwtSecret, internalSecret } = resolveSecrets({ NODE_ENV: 'development' });
    const adminId = '00000000-0000-4000-8000-000000000001';
    const admin = freshIdentity(
      { kind: 'member', id: adminId, role: Role.ADMIN, name: 'Bench', email: 'bench@example.com' },
      internalSecret,
      'knowledge',
    );

    const pool = paragraphs();
    const count = async () =>
      (
        await graphqlData<{ knowledgeCollections: { chunkCount: number }[] }>(
          knowledgeUrl,
          admin(),
          '{ knowledgeCollections { chunkCount } }',
        )
      ).knowledgeCollections.reduce((sum, c) => sum + c.chunkCount, 0);
    const before = await count();
    let next = 0;
    let chunks = before;
    const started = performance.now();
    process.stdout.write(`ingesting synthetic documents until ${TARGET_CHUNKS} chunks ...\n`);
    await Promise.all(
      Array.from({ length: INGEST_CONCURRENCY }, async () => {
        while (chunks < TARGET_CHUNKS) {
          const n = (next += 1);
          const result = await graphqlData<{ ingestDocument: { chunks: unknown[] } }>(
            knowledgeUrl,
            admin(),
            'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { chunks { chunkIndex } } }',
            {
              input: {
                collection: 'legal_architect',
                title: `Case file ${n}`,
                text: syntheticDocument(pool, n),
                source: `https://example.com/case/${n}`,
              },
            },
          );
          chunks += result.ingestDocument.chunks.length;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const ingested = (await count()) - before;
    const ingestRate = ingested / seconds;

    const now = Math.floor(Date.now() / 1000);
    const token = signSessionToken(
      { sub: adminId, role: Role.ADMIN, name: 'Bench', email: 'bench@example.com', jti: 'bench', iat: now, exp: now + 3600 },
      jwtSecret,
    );
    const auth = { authorization: `Bearer ${token}` };
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const questions = readdirSync(join(root, 'subgraphs', 'knowledge', 'eval'))
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => JSON.parse(readFileSync(join(root, 'subgraphs', 'knowledge', 'eval', file), 'utf8')) as { question: string }[]);
    const search = (query: string, collections?: string[]) =>
      JSON.stringify({
        query:
          'query Search($q: String!, $c: [String!]) { searchKnowledge(query: $q, collections: $c, limit: 5) { score citation { documentId title } } }',
        variables: { q: query, c: collections ?? null },
      });
    const check = await graphqlData<{ searchKnowledge: unknown[] }>(
      gatewayUrl,
      auth,
      'query($q: String!) { searchKnowledge(query: $q, limit: 5) { score } }',
      { q: questions[0]?.question },
    );
    if (check.searchKnowledge.length === 0) throw new Error('search returned nothing');
    let sent = 0;
    // Every request a different text (a question and a counter), so none is served from the cache.
    const uncached = (collections?: string[]) => () =>
      search(`${questions[(sent += 1) % questions.length]?.question} ${sent}`, collections);
    const cached = search(questions[0]?.question ?? 'visa');
    // Where each search's CPU goes: the knowledge service, its Chroma child, PostgreSQL (the postmaster and its
    // backends), the gateway, and this process (autocannon).
    const [knowledgePid, gatewayPid] = [knowledge.child.pid ?? 0, gateway.child.pid ?? 0];
    const postgres = pidOf('postgres');
    const measured = async (row: Promise<Row>): Promise<string[]> => {
      const meter = cpuMeter({
        knowledge: [knowledgePid],
        chroma: processTree(knowledgePid).slice(1),
        postgres: postgres ? processTree(postgres) : [],
        gateway: processTree(gatewayPid),
        load: [process.pid],
      });
      const { target, requestsPerSecond, p50, p95, p99, errors, requests } = await row;
      const used = meter();
      const perSearch = (name: keyof typeof used) => ((used[name] * 1000) / Math.max(1, requests)).toFixed(1);
      const cpu = (['knowledge', 'chroma', 'postgres', 'gateway', 'load'] as const).map(perSearch).join(' / ');
      return [target, requestsPerSecond, p50, p95, p99, errors].map(String).concat(cpu);
    };
    const rows: string[][] = [];
    rows.push(await measured(load('HYBRID search, uncached', gatewayUrl, auth, uncached(), DURATION, CONNECTIONS)));
    rows.push(await measured(load('HYBRID search, uncached, 1 connection', gatewayUrl, auth, uncached(), DURATION, 1)));
    // A scope is a filtered Chroma query (and a collection condition in SQL): its own row.
    rows.push(
      await measured(load('HYBRID search in tax_genius only, uncached', gatewayUrl, auth, uncached(['tax_genius']), DURATION, CONNECTIONS)),
    );
    rows.push(await measured(load('HYBRID search, cached', gatewayUrl, auth, cached, DURATION, CONNECTIONS)));
    rows.push(await measured(load('HYBRID search, cached, 1 connection', gatewayUrl, auth, cached, DURATION, 1)));
    const rss = processes.map((p) => `${p.name} ${p.peakRssMb().toFixed(0)} MB`).join(', ');
    reportTable(
      'bench:kb',
      `${before + ingested} chunks (${before} seed + ${ingested} synthetic); searches through the gateway, ${CONNECTIONS} connections, ${DURATION} s each.`,
      ['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'CPU ms per search: knowledge / Chroma / PostgreSQL / gateway / load'],
      rows,
      `Ingest: ${ingested} chunks in ${seconds.toFixed(1)} s = ${ingestRate.toFixed(0)} chunks/s (${INGEST_CONCURRENCY} concurrent ingestDocument calls straight to the subgraph, local embedder, Chroma on the same machine). Peak RSS: ${rss} (the knowledge figure excludes its Chroma child). CPU from /proc over each row; "load" is the benchmark's own autocannon.`,
    );
  } finally {
    for (const p of processes.reverse()) await p.stop();
    await database.drop();
    await crmDatabase.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
