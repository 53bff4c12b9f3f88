import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/shared';
import { parseFrontMatter } from '../ingest/chunker.js';
import { DocumentEntity } from './document.entity.js';
import type { DocumentStore } from './document.store.js';

/**
 * Loads the seed documents (`seed/<collection>/*.md`, front matter with title, source and as_of)
 * into an empty knowledge base, on first start only.
 */
export async function loadSeed(em: EntityManager, documents: DocumentStore, seedDir: string, logger: Logger): Promise<number> {
  if ((await em.count(DocumentEntity, {})) > 0) return 0;
  let loaded = 0;
  for (const collection of readdirSync(seedDir).filter((name) => statSync(join(seedDir, name)).isDirectory())) {
    for (const file of readdirSync(join(seedDir, collection))
      .filter((name) => name.endsWith('.md'))
      .sort()) {
      const { fields, body } = parseFrontMatter(readFileSync(join(seedDir, collection, file), 'utf8'));
      await documents.ingest(em.fork(), {
        collection,
        title: fields.title ?? file.replace(/\.md$/, ''),
        text: body,
        source: fields.source ?? null,
        // Several seed files cite the same authority's home page: the file is what identifies one.
        key: `seed:${collection}/${file}`,
        metadata: { file: `${collection}/${file}`, ...(fields.as_of ? { asOf: fields.as_of } : {}) },
      });
      loaded += 1;
    }
  }
  logger.info({ documents: loaded }, 'loaded the seed knowledge base');
  return loaded;
}
