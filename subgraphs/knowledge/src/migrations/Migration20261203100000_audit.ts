import { Migration } from '@mikro-orm/migrations';
import { appendOnlySql } from '@nusa/subgraph';

/** Knowledge's audit trail: documents ingested, replaced and deleted; append-only. */
export class Migration20261203100000_audit extends Migration {
  override up(): void {
    this.addSql(
      `create table "knowledge_audit_entry" ("id" uuid not null, "at" timestamptz not null, "actor_kind" text check ("actor_kind" in ('MEMBER', 'API_KEY', 'SERVICE')) not null, "actor_id" uuid null, "actor_name" varchar(200) not null, "entity_id" uuid not null, "before" jsonb null, "after" jsonb null, "action" text check ("action" in ('DOCUMENT_INGESTED', 'DOCUMENT_REPLACED', 'DOCUMENT_DELETED')) not null, "entity_type" text check ("entity_type" in ('KNOWLEDGE_DOCUMENT')) not null, constraint "knowledge_audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "knowledge_audit_entry_actor_id_at_id_index" on "knowledge_audit_entry" ("actor_id", "at", "id");`);
    this.addSql(`create index "knowledge_audit_entry_entity_id_at_id_index" on "knowledge_audit_entry" ("entity_id", "at", "id");`);
    this.addSql(`create index "knowledge_audit_entry_at_id_index" on "knowledge_audit_entry" ("at", "id");`);
    for (const sql of appendOnlySql('knowledge_audit_entry')) this.addSql(sql);
  }
}
