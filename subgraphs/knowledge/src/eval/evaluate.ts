import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, runMain } from '@nusa/platform';
import { createTestDatabase, freePort } from '@nusa/platform/testing';
import { startLocalChroma } from '../chroma/chroma-server.js';
import { ensureCollections } from '../collection/collection.store.js';
import { LocalEmbedder } from '../embedding/local-embedder.js';
import { IngestService } from '../ingest/ingest.service.js';
import { loadSeed } from '../ingest/seed.js';
import { openDatabase } from '../orm.js';
import { LexemeFrequencies } from '../search/keyword-ranking.js';
import { searchKnowledge, SearchMode } from '../search/search.service.js';
import { openVectorIndex } from '../vector-index/vector-index.js';
import { VectorStore } from '../vector-index/vector-store.js';

interface Question {
  question: string;
  /** `<collection>/<file>.md` of the seed document that answers it. */
  document: string;
}

const packageDir = join(__dirname, '..', '..');

/** Every question of every `eval/*.json` file. */
function questions(): Question[] {
  const dir = join(packageDir, 'eval');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Question[]);
}

/**
 * Retrieval quality on the seed knowledge base: recall@1, recall@5 and MRR (over the top 10) of
 * each mode, where a question counts as answered when a hit comes from its document.
 */
runMain(async () => {
  const logger = createLogger('eval', 'warn');
  const database = await createTestDatabase('eval_kb');
  const dataDir = mkdtempSync(join(tmpdir(), 'nusa-eval-'));
  const chroma = await startLocalChroma({
    dataDir,
    port: await freePort(),
    runtimeDir: join(packageDir, '..', '..', '.data', 'glibc'),
    logger,
    timeoutMs: 120_000,
  });
  const orm = await openDatabase(database.url, logger);
  try {
    const embedder = new LocalEmbedder();
    const vectors = new VectorStore(chroma.url);
    const documents = new IngestService(vectors, embedder);
    await ensureCollections(orm.em.fork());
    const index = await openVectorIndex(orm.em.fork(), embedder, vectors);
    const loaded = await loadSeed(orm.em.fork(), documents, join(packageDir, 'seed'), logger);
    const frequencies = new LexemeFrequencies();
    const set = questions();
    const rows: string[] = [];
    for (const mode of [SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.KEYWORD]) {
      let at1 = 0;
      let at5 = 0;
      let reciprocal = 0;
      for (const { question, document } of set) {
        const { hits } = await searchKnowledge(
          { em: orm.em.fork(), vectors, index, embedder, frequencies, logger },
          { query: question, collections: undefined, metadata: {}, limit: 10, mode },
        );
        const files = await orm.em
          .getConnection()
          .execute<{ id: string; file: string }[]>("select id, metadata->>'file' as file from knowledge_document where id in (?)", [
            hits.length > 0 ? hits.map((hit) => hit.citation.documentId) : ['00000000-0000-0000-0000-000000000000'],
          ]);
        const fileOf = new Map(files.map((row) => [row.id, row.file]));
        const rank = hits.findIndex((hit) => `${hit.citation.collection}/${fileOf.get(hit.citation.documentId)}` === document);
        if (rank === 0) at1 += 1;
        if (rank >= 0 && rank < 5) at5 += 1;
        if (rank >= 0) reciprocal += 1 / (rank + 1);
      }
      const pct = (n: number) => `${((100 * n) / set.length).toFixed(1)}%`;
      rows.push(`| ${mode} | ${pct(at1)} | ${pct(at5)} | ${(reciprocal / set.length).toFixed(3)} |`);
    }
    process.stdout.write(
      [
        `Retrieval evaluation: ${set.length} questions over ${loaded} seed documents, embedder ${embedder.name}.`,
        '',
        '| mode | recall@1 | recall@5 | MRR@10 |',
        '|---|---:|---:|---:|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await orm.close();
    await chroma.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
