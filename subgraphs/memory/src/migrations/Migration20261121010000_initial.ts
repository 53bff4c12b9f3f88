import { Migration } from '@mikro-orm/migrations';

export class Migration20261121010000_initial extends Migration {
  override up(): void {
    this.addSql(
      `create table "conversation" ("id" uuid not null, "client_id" uuid null, "title" varchar(200) not null, "created_by_id" uuid null, "message_count" int not null default 0, "last_message_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "conversation_client_id_created_at_index" on "conversation" ("client_id", "created_at");`);

    this.addSql(
      `create table "message" ("id" uuid not null, "conversation_id" uuid not null, "seq" int not null, "role" text check ("role" in ('USER', 'ASSISTANT', 'SYSTEM', 'TOOL')) not null, "content" text not null, "status" text check ("status" in ('STREAMING', 'COMPLETE', 'FAILED', 'CANCELLED')) not null default 'COMPLETE', "author_id" uuid null, "model" varchar(100) null, "input_tokens" int null, "output_tokens" int null, "latency_ms" int null, "offline" boolean not null default false, "citations" jsonb null, "error" text null, "idempotency_key" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "completed_at" timestamptz null, constraint "message_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "message" add constraint "message_conversation_id_idempotency_key_unique" unique ("conversation_id", "idempotency_key");`,
    );
    this.addSql(`alter table "message" add constraint "message_conversation_id_seq_unique" unique ("conversation_id", "seq");`);

    this.addSql(
      `create table "memory_fact" ("id" uuid not null, "client_id" uuid not null, "kind" text check ("kind" in ('NATIONALITY', 'VISA', 'COMPANY', 'BUDGET', 'FAMILY', 'DATE', 'PREFERENCE', 'OTHER')) not null, "slot" varchar(100) null, "content" text not null, "source" text check ("source" in ('MESSAGE', 'MANUAL')) not null, "source_message_id" uuid null, "created_by_id" uuid null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "superseded_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "memory_fact_pkey" primary key ("id"), constraint memory_fact_has_source check (source = 'MANUAL' or source_message_id is not null));`,
    );
    this.addSql(`create index "memory_fact_client_id_valid_to_index" on "memory_fact" ("client_id", "valid_to");`);

    this.addSql(
      `alter table "message" add constraint "message_conversation_id_foreign" foreign key ("conversation_id") references "conversation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "memory_fact" add constraint "memory_fact_source_message_id_foreign" foreign key ("source_message_id") references "message" ("id") on update cascade on delete cascade;`,
    );
  }
}
