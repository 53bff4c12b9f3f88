import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/platform';
import { DocumentEntity } from '../document/document.entity.js';
import { importFolder } from './import-folder.js';
import type { IngestService } from './ingest.service.js';

/**
 * Loads the seed documents (`seed/<collection>/*.md`, front matter with title, source and as_of)
 * into an empty knowledge base, on first start only.
 */
export async function loadSeed(em: EntityManager, documents: IngestService, seedDir: string, logger: Logger): Promise<number> {
  if ((await em.count(DocumentEntity, {})) > 0) return 0;
  let loaded = 0;
  for (const collection of readdirSync(seedDir).filter((name) => statSync(join(seedDir, name)).isDirectory())) {
    // Several seed files cite the same authority's home page: the file is what identifies one.
    const summary = await importFolder(em, documents, { folder: join(seedDir, collection), collection, keyPrefix: `seed:${collection}/` });
    for (const failure of summary.failed) logger.error(failure, 'a seed document could not be loaded');
    loaded += summary.imported;
  }
  // The keyword ranking weighs terms by the planner's statistics: gathered now, the first searches
  // rank as every later one does (else they run unweighted until the statistics are read, which made
  // the evaluations' figures depend on how fast the first questions were asked).
  await em.getConnection().execute('analyze knowledge_chunk');
  logger.info({ documents: loaded }, 'loaded the seed knowledge base');
  return loaded;
}
