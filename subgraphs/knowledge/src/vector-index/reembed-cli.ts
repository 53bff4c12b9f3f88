import 'reflect-metadata';
import { join } from 'node:path';
import { createLogger, runMain } from '@nusa/platform';
import { chromaForTool } from '../chroma/chroma-server.js';
import { loadKnowledgeConfig } from '../config.js';
import { createEmbedder } from '../embedding/create-embedder.js';
import { openDatabase } from '../orm.js';
import { reembed, type ReembedProgress } from './reembed.js';
import { VectorStore } from './vector-store.js';

function bar({ done, total }: ReembedProgress, started: number): string {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = done / Math.max((Date.now() - started) / 1000, 0.001);
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} chunks · ${rate.toFixed(0)} chunks/s · ETA ${eta}s `;
}

/**
 * Re-embeds every chunk with the embedder the settings choose (EMBEDDING_PROVIDER and its key,
 * EMBEDDING_MODEL, EMBEDDING_DIMENSION) into a new vector index, then switches to it. Run it after
 * changing those settings, before the service starts with them: the service refuses vectors of
 * another embedder. Searches keep working on the old index until the switch.
 */
runMain(async () => {
  const config = loadKnowledgeConfig();
  const logger = createLogger('kb-reembed', 'warn');
  const embedder = createEmbedder(config.embedding);
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
    const started = Date.now();
    process.stderr.write(`re-embedding with ${embedder.name} (Chroma at ${chroma.url})\n`);
    const summary = await reembed(orm.em.fork(), new VectorStore(chroma.url), embedder, {
      onProgress: (progress) => {
        process.stderr.write(bar(progress, started));
      },
    });
    process.stderr.write('\n');
    process.stdout.write(
      `${summary.chunks} chunks re-embedded with ${embedder.name} into ${summary.index.chromaCollection}` +
        `${summary.previous ? `; ${summary.previous} replaced` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    for (const name of summary.leftovers) process.stdout.write(`  could not drop the old Chroma collection ${name}; drop it by hand\n`);
  } finally {
    await orm.close();
    await chroma.stop();
  }
});
