import type { EntityManager } from '@mikro-orm/postgresql';
import { NEEDS_REVIEW_SQL } from '../document/freshness.js';
import { CollectionEntity } from './collection.entity.js';
import type { KnowledgeCollection } from './collection.type.js';

/** The knowledge collections of the system this replaces, with what each one holds. */
export const COLLECTIONS: readonly { name: string; description: string }[] = [
  { name: 'visa_oracle', description: 'Visit visas, visa on arrival, KITAS types, KITAP, overstay and immigration procedures.' },
  { name: 'kbli_eye', description: 'KBLI 2020 business codes common for foreign-owned companies, risk levels and licensing.' },
  { name: 'tax_genius', description: 'NPWP, income tax (PPh), VAT, the small-business final tax and filing deadlines.' },
  { name: 'legal_architect', description: 'PT PMA setup, capital rules, shareholders and directors, licensing through OSS.' },
  { name: 'property_sage', description: 'Leasehold, Hak Pakai, HGB, due diligence and the rules for foreigners owning property.' },
  { name: 'cultural_intelligence', description: 'Balinese ceremonies, Nyepi, temple and business etiquette.' },
];

/** Creates the collections that do not exist yet. */
export async function ensureCollections(em: EntityManager): Promise<void> {
  const existing = new Set((await em.find(CollectionEntity, {})).map((collection) => collection.name));
  for (const collection of COLLECTIONS.filter((c) => !existing.has(c.name))) {
    em.create(CollectionEntity, collection);
  }
  await em.flush();
}

/** The collections' names, read once and again only when a search names one it does not know. */
export class CollectionNames {
  private names: Promise<string[]> | undefined;

  list(em: EntityManager, options: { refresh?: boolean } = {}): Promise<string[]> {
    if (!this.names || options.refresh) {
      const names = em
        .find(CollectionEntity, {}, { fields: ['name'], orderBy: { name: 'asc' } })
        .then((rows) => rows.map((row) => row.name));
      names.catch(() => {
        if (this.names === names) this.names = undefined;
      });
      this.names = names;
    }
    return this.names;
  }
}

/** Every collection with what it holds and the embedder of its vectors, by name. */
export async function collectionSummaries(em: EntityManager, reviewAfterDays: number): Promise<KnowledgeCollection[]> {
  const rows = await em
    .getConnection()
    .execute<{ name: string; description: string; embedder: string; documents: string; chunks: string; stale: string }[]>(
      `select c.name, c.description, coalesce((select embedder from knowledge_vector_index), 'none') as embedder,
              (select count(*) from knowledge_document d where d.collection_name = c.name) as documents,
              (select count(*) from knowledge_document d where d.collection_name = c.name and ${NEEDS_REVIEW_SQL}) as stale,
              (select count(*) from knowledge_chunk k where k.collection = c.name) as chunks
         from knowledge_collection c order by c.name`,
      [reviewAfterDays],
    );
  return rows.map((row) => ({
    name: row.name,
    description: row.description,
    embedder: row.embedder,
    documentCount: Number(row.documents),
    chunkCount: Number(row.chunks),
    needsReviewCount: Number(row.stale),
  }));
}
