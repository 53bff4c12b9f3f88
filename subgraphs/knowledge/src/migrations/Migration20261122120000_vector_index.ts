import { Migration } from '@mikro-orm/migrations';

/**
 * One vector index for every collection, recorded with the embedder that made it (the per-collection
 * embedder columns go: vectors of one index share one embedder and dimension). Chunks that exist
 * already have their vectors in the old per-collection layout, without metadata: the service
 * refuses to start until `npm run kb:reembed` has rebuilt them. Document metadata gets an index
 * for search filters.
 */
export class Migration20261122120000_vector_index extends Migration {
  override up(): void {
    this.addSql(
      `create table "knowledge_vector_index" ("id" smallint not null default 1, "chroma_collection" varchar(200) not null, "embedder" varchar(100) not null, "dimension" int not null, "created_at" timestamptz not null, constraint "knowledge_vector_index_pkey" primary key ("id"), constraint "knowledge_vector_index_single" check ("id" = 1));`,
    );
    this.addSql(`alter table "knowledge_collection" drop column "embedder", drop column "dimension";`);
    this.addSql(`create index "knowledge_document_metadata_index" on "knowledge_document" using gin ("metadata" jsonb_path_ops);`);
  }
}
