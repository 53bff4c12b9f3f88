import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { ConfigError, createLogger, runMain } from '@nusa/platform';
import { chromaForTool } from '../chroma/chroma-server.js';
import { loadKnowledgeConfig } from '../config.js';
import { CollectionEntity } from '../collection/collection.entity.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import { openDatabase } from '../orm.js';
import { openVectorIndex } from '../vector-index/vector-index.js';
import { VectorStore } from '../vector-index/vector-store.js';
import { importFolder, type ImportProgress } from './import-folder.js';
import { IngestService } from './ingest.service.js';

const USAGE =
  "usage: npm run kb:import -- <folder> --collection <name>   (the platform's DATABASE_URL; CHROMA_URL, else the Chroma on CHROMA_PORT or DATA_DIR)";

function bar({ done, total, chunks }: ImportProgress, started: number): string {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const seconds = (Date.now() - started) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files · ${chunks} chunks · ${rate.toFixed(1)} files/s · ETA ${eta}s `;
}

/** Bulk import of Markdown, text and HTML files into one collection; safe to run again. */
runMain(async () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--collection');
  const collection = at >= 0 ? args[at + 1] : undefined;
  const folder = args.find((arg, i) => !arg.startsWith('--') && i !== at + 1);
  if (!folder || !collection) throw new ConfigError(USAGE);
  const config = loadKnowledgeConfig();
  const logger = createLogger('kb-import', 'warn');
  const chroma = await chromaForTool({
    url: config.chromaUrl,
    dataDir: join(config.dataDir, 'chroma'),
    port: config.chromaPort,
    runtimeDir: config.glibcDir,
    logger,
  });
  const orm = await openDatabase(config.databaseUrl, logger).catch(async (error: unknown) => {
    await chroma.stop();
    throw error;
  });
  try {
    if (!(await orm.em.fork().findOne(CollectionEntity, { name: collection })))
      throw new ConfigError(`No collection is named ${collection}`);
    const vectors = new VectorStore(chroma.url);
    const embedder = createEmbedder(config.embedding);
    await openVectorIndex(orm.em.fork(), embedder, vectors);
    const documents = new IngestService(vectors, embedder);
    const started = Date.now();
    const summary = await importFolder(orm.em.fork(), documents, {
      folder: resolve(folder),
      collection,
      keyPrefix: `import:${collection}/`,
      onProgress: (progress) => process.stderr.write(bar(progress, started)),
    });
    process.stderr.write('\n');
    process.stdout.write(
      `${summary.imported} imported, ${summary.unchanged} unchanged, ${summary.chunks} chunks, ${summary.failed.length} failed\n`,
    );
    for (const failure of summary.failed) process.stdout.write(`  ${failure.file}: ${failure.reason}\n`);
    process.exitCode = summary.failed.length > 0 ? 1 : 0;
  } finally {
    await orm.close();
    await chroma.stop();
  }
});
