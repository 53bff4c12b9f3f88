import { Migration } from '@mikro-orm/migrations';

/** When each document was last checked and, optionally, until when it holds; existing documents count as checked when ingested. */
export class Migration20261203100000_document_freshness extends Migration {
  override up(): void {
    this.addSql(`alter table "knowledge_document" add column "last_checked_at" timestamptz null, add column "valid_until" date null;`);
    this.addSql(`update "knowledge_document" set "last_checked_at" = "created_at";`);
    this.addSql(`alter table "knowledge_document" alter column "last_checked_at" set not null;`);
  }
}
