import { Migration } from '@mikro-orm/migrations';
import { SEARCH_VECTOR } from '../document/chunk.entity.js';

export class Migration20261122000000_initial extends Migration {
  override up(): void {
    this.addSql(
      `create table "knowledge_collection" ("name" varchar(64) not null, "description" text not null, "embedder" varchar(100) not null, "dimension" int not null, "created_at" timestamptz not null, constraint "knowledge_collection_pkey" primary key ("name"));`,
    );
    this.addSql(
      `create table "knowledge_document" ("id" uuid not null, "collection_name" varchar(64) not null, "title" varchar(300) not null, "source" varchar(1000) null, "source_key" varchar(1000) not null, "metadata" jsonb not null, "content_hash" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "knowledge_document_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "knowledge_document" add constraint "knowledge_document_collection_name_source_key_unique" unique ("collection_name", "source_key");`,
    );
    this.addSql(
      `create table "knowledge_chunk" ("id" uuid not null, "document_id" uuid not null, "title" varchar(300) not null, "collection" varchar(64) not null, "chunk_index" int not null, "text" text not null, "heading_path" text[] not null, constraint "knowledge_chunk_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "knowledge_chunk_collection_index" on "knowledge_chunk" ("collection");`);
    this.addSql(
      `alter table "knowledge_chunk" add constraint "knowledge_chunk_document_id_chunk_index_unique" unique ("document_id", "chunk_index");`,
    );
    // array_to_string is only stable, and a generated column needs an immutable expression.
    this.addSql(
      `create function knowledge_heading_text(text[]) returns text language sql immutable parallel safe as $$ select array_to_string($1, ' ') $$;`,
    );
    this.addSql(`alter table "knowledge_chunk" add column "search" tsvector generated always as (${SEARCH_VECTOR}) stored;`);
    this.addSql(`create index "knowledge_chunk_search_index" on "knowledge_chunk" using gin ("search");`);
    this.addSql(
      `alter table "knowledge_document" add constraint "knowledge_document_collection_name_foreign" foreign key ("collection_name") references "knowledge_collection" ("name") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "knowledge_chunk" add constraint "knowledge_chunk_document_id_foreign" foreign key ("document_id") references "knowledge_document" ("id") on update cascade on delete cascade;`,
    );
  }
}
