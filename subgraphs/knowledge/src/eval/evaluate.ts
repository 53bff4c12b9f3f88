import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, parseSettings, runMain } from '@nusa/platform';
import { createTestDatabase, freePort } from '@nusa/platform/testing';
import { startLocalChroma } from '../chroma/chroma-server.js';
import { ensureCollections } from '../collection/collection.store.js';
import { IngestService } from '../ingest/ingest.service.js';
import { loadSeed } from '../ingest/seed.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import { embeddingConfig, embeddingSettings } from '../embedding/embedding-config.js';
import { openDatabase } from '../orm.js';
import { LexemeFrequencies } from '../search/keyword-ranking.js';
import { searchKnowledge, SearchMode, SEARCH_WEIGHTS, type SearchDependencies } from '../search/search.service.js';
import { domainVocabulary, Vocabulary } from '../search/vocabulary.js';
import { openVectorIndex } from '../vector-index/vector-index.js';
import { VectorStore } from '../vector-index/vector-store.js';
import { answers, loadQuestions, unmatchedLabels, type EvaluatedChunk, type LabelledQuestion, type Split } from './questions.js';
import { percent, score, type Ranked } from './scores.js';
import { tune } from './tune.js';

const packageDir = join(__dirname, '..', '..');
const MODES = [SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.KEYWORD];
const SPLITS: Split[] = ['dev', 'test'];

type ChunkRow = EvaluatedChunk & { documentId: string; chunkIndex: number };

/** One question searched in one mode. */
interface Outcome extends Ranked {
  question: LabelledQuestion;
  mode: SearchMode;
  /** Wall-clock and this process's CPU time of the search, in ms. */
  wallMs: number;
  cpuMs: number;
  top: ChunkRow | undefined;
}

async function searchAll(
  dependencies: SearchDependencies,
  chunks: ChunkRow[],
  questions: LabelledQuestion[],
  modes: SearchMode[] = MODES,
): Promise<Outcome[]> {
  const byLocation = new Map(chunks.map((chunk) => [`${chunk.documentId}:${chunk.chunkIndex}`, chunk]));
  const outcomes: Outcome[] = [];
  for (const mode of modes) {
    for (const question of questions) {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const { hits } = await searchKnowledge(
        { ...dependencies, em: dependencies.em.fork() },
        { query: question.question, collections: undefined, metadata: {}, limit: 10, mode },
      );
      const used = process.cpuUsage(cpu);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const found = hits.map((hit) => byLocation.get(`${hit.citation.documentId}:${hit.citation.chunkIndex}`));
      outcomes.push({
        question,
        mode,
        wallMs,
        cpuMs: (used.user + used.system) / 1000,
        top: found[0],
        passageRank: found.findIndex((chunk) => chunk !== undefined && answers(question, chunk)),
        documentRank: found.findIndex((chunk) => question.answers.some((answer) => answer.document === chunk?.document)),
      });
    }
  }
  return outcomes;
}

function summary(outcomes: Outcome[], splits: Split[]): string[] {
  const rows = splits.flatMap((split) =>
    MODES.map((mode) => {
      const chosen = outcomes.filter((o) => o.question.split === split && o.mode === mode);
      const s = score(chosen);
      const mean = (values: number[]) => (values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)).toFixed(2);
      return `| ${split} (${s.questions}) | ${mode} | ${percent(s.recallAt1)} | ${percent(s.recallAt5)} | ${s.mrr.toFixed(3)} | ${percent(s.documentRecallAt1)} | ${percent(s.documentRecallAt5)} | ${mean(chosen.map((o) => o.wallMs))} | ${mean(chosen.map((o) => o.cpuMs))} |`;
    }),
  );
  return [
    '| split | mode | passage r@1 | passage r@5 | MRR@10 | document r@1 | document r@5 | ms/query | CPU ms/query |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

function perCollection(outcomes: Outcome[], split: Split): string[] {
  const collections = [...new Set(outcomes.map((o) => o.question.collection))].sort();
  const rows = collections.map((collection) => {
    const cells = MODES.map((mode) => {
      const s = score(outcomes.filter((o) => o.question.split === split && o.mode === mode && o.question.collection === collection));
      return `${percent(s.recallAt1)} / ${percent(s.recallAt5)}`;
    });
    const n = outcomes.filter((o) => o.question.split === split && o.mode === MODES[0] && o.question.collection === collection).length;
    return `| ${collection} (${n}) | ${cells.join(' | ')} |`;
  });
  return [
    `| ${split}: collection | ${MODES.map((mode) => `${mode} r@1 / r@5`).join(' | ')} |`,
    `|---|${MODES.map(() => '---:').join('|')}|`,
    ...rows,
  ];
}

/** Misses of the dev split only: the test split is for reporting, and printing its misses would invite tuning on it. */
function devMisses(outcomes: Outcome[], mode: SearchMode): string[] {
  return outcomes
    .filter((o) => o.question.split === 'dev' && o.mode === mode && o.passageRank !== 0)
    .map(
      (o) =>
        `- [${o.passageRank < 0 ? 'not in top 10' : `rank ${o.passageRank + 1}`}] ${o.question.question}\n    wanted ${o.question.answers.map((a) => `${a.document} "${a.passage}"`).join(' or ')}\n    first  ${o.top ? `${o.top.document} "${o.top.text.slice(0, 90).replace(/\s+/g, ' ')}"` : 'nothing'}`,
    );
}

/**
 * Retrieval quality on the seed knowledge base: for each split (dev: tune on it; test: report only)
 * and each mode, recall@1, recall@5 and MRR@10 of the labelled passage, the document-level recall
 * the older evaluation measured, and the time per search. `--dev-misses` lists the dev questions
 * HYBRID does not answer first; `--dev` runs the dev split alone; `--tune` searches the fusion and
 * rerank weights on dev alone and prints the best; `--ask "question" ...` prints the top 5 HYBRID hits of each. The embedder is the one the settings choose (EMBEDDING_PROVIDER ...),
 * so the same evaluation runs against a hosted embedder when its key is set.
 */
runMain(async () => {
  const settings = parseSettings(embeddingSettings, process.env);
  const embedder = createEmbedder(embeddingConfig(settings));
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
    const vectors = new VectorStore(chroma.url);
    const documents = new IngestService(vectors, embedder);
    await ensureCollections(orm.em.fork());
    const index = await openVectorIndex(orm.em.fork(), embedder, vectors);
    const loaded = await loadSeed(orm.em.fork(), documents, join(packageDir, 'seed'), logger);
    const chunks = await orm.em.getConnection().execute<ChunkRow[]>(
      `select c.document_id as "documentId", c.chunk_index as "chunkIndex", c.text, c.collection || '/' || (d.metadata->>'file') as document
         from knowledge_chunk c join knowledge_document d on d.id = c.document_id`,
    );
    const all = loadQuestions(join(packageDir, 'eval'));
    const unmatched = unmatchedLabels(all, chunks);
    if (unmatched.length > 0) throw new Error(`labels that match no chunk:\n${unmatched.join('\n')}`);
    // --dev: search and print the dev split only (while tuning, the test figures are not even computed).
    const splits: Split[] = process.argv.includes('--dev') || process.argv.includes('--tune') ? ['dev'] : SPLITS;
    const questions = all.filter((q) => splits.includes(q.split));
    // --no-vocabulary: without the domain vocabulary, to see what it brings.
    const vocabulary = process.argv.includes('--no-vocabulary') ? Vocabulary.empty() : domainVocabulary();
    const dependencies = { em: orm.em, vectors, index, embedder, frequencies: new LexemeFrequencies(), logger, vocabulary };
    const asked = process.argv.indexOf('--ask');
    if (asked >= 0) {
      const byLocation = new Map(chunks.map((chunk) => [`${chunk.documentId}:${chunk.chunkIndex}`, chunk]));
      for (const query of process.argv.slice(asked + 1)) {
        const { hits } = await searchKnowledge(
          { ...dependencies, em: orm.em.fork() },
          { query, collections: undefined, metadata: {}, limit: 5, mode: SearchMode.HYBRID },
        );
        process.stdout.write(`${query}\n`);
        for (const [i, hit] of hits.entries()) {
          const chunk = byLocation.get(`${hit.citation.documentId}:${hit.citation.chunkIndex}`);
          process.stdout.write(
            `  ${i + 1}. ${chunk?.document ?? '?'} > ${hit.citation.headingPath.slice(1).join(' > ')}: ${hit.text.slice(0, 110).replace(/\s+/g, ' ')}\n`,
          );
        }
      }
      return;
    }
    if (process.argv.includes('--tune')) {
      const best = await tune(SEARCH_WEIGHTS, async (weights) =>
        score(await searchAll({ ...dependencies, weights }, chunks, questions, [SearchMode.HYBRID])),
      );
      process.stdout.write(`best on dev: ${JSON.stringify(best)}\n`);
      return;
    }
    const outcomes = await searchAll(dependencies, chunks, questions);
    const count = (split: Split) => all.filter((q) => q.split === split).length;
    process.stdout.write(
      [
        `Retrieval evaluation: ${all.length} questions (dev ${count('dev')}, test ${count('test')}) over ${loaded} seed documents in ${chunks.length} chunks, embedder ${embedder.name}.`,
        '',
        ...summary(outcomes, splits),
        '',
        ...splits.flatMap((split) => [...perCollection(outcomes, split), '']),
        ...(process.argv.includes('--dev-misses') ? ['HYBRID misses on dev:', ...devMisses(outcomes, SearchMode.HYBRID), ''] : []),
      ].join('\n'),
    );
  } finally {
    await orm.close();
    await chroma.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
