import { Migration } from '@mikro-orm/migrations';

/** Reviewed answers, the messages answered from them, and the counter that tells instances to reload them. */
export class Migration20261203110000_reviewed_answers extends Migration {
  override up(): void {
    this.addSql(
      `create table "knowledge_reviewed_answer" ("id" uuid not null, "question" text not null, "answer" text not null, "citations" jsonb not null, "cited_document_ids" text[] not null, "question_vector" jsonb not null, "status" text check ("status" in ('ACTIVE', 'NEEDS_REVIEW', 'RETIRED')) not null default 'ACTIVE', "review_note" text null, "reviewed_by_id" uuid null, "reviewed_by_name" varchar(200) not null, "reviewed_at" timestamptz not null, "source_message_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "knowledge_reviewed_answer_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "knowledge_reviewed_answer_status_index" on "knowledge_reviewed_answer" ("status");`);
    this.addSql(
      `create index "knowledge_reviewed_answer_cited_documents_index" on "knowledge_reviewed_answer" using gin ("cited_document_ids");`,
    );
    this.addSql(
      `create table "knowledge_reviewed_answer_serving" ("message_id" uuid not null, "reviewed_answer_id" uuid not null, "reviewed_by_name" varchar(200) not null, "reviewed_at" timestamptz not null, "served_at" timestamptz not null, constraint "knowledge_reviewed_answer_serving_pkey" primary key ("message_id"));`,
    );
    this.addSql(
      `create index "knowledge_reviewed_answer_serving_reviewed_answer_id_index" on "knowledge_reviewed_answer_serving" ("reviewed_answer_id");`,
    );
    this.addSql(
      `create table "knowledge_reviewed_answer_version" ("id" smallint not null default 1, "version" bigint not null, constraint "knowledge_reviewed_answer_version_pkey" primary key ("id"), constraint knowledge_reviewed_answer_version_single check ("id" = 1));`,
    );
    this.addSql(`insert into "knowledge_reviewed_answer_version" ("id", "version") values (1, 0);`);
    this.addSql(
      `alter table "knowledge_reviewed_answer_serving" add constraint "knowledge_reviewed_answer_serving_reviewed_answer_id_foreign" foreign key ("reviewed_answer_id") references "knowledge_reviewed_answer" ("id") on update cascade on delete cascade;`,
    );
  }
}
