import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotent writes: each mutation sent with an Idempotency-Key claims a row here and stores its
 * response in the same transaction as the write (see idempotency.ts in @nusa/subgraph); rows are
 * swept after IDEMPOTENCY_TTL_HOURS.
 */
export class Migration20261204120000_idempotent_requests extends Migration {
  override up(): void {
    this.addSql(
      `create table "knowledge_idempotent_request" ("scope" varchar(300) not null, "key" varchar(255) not null, "field" varchar(200) not null, "request_hash" varchar(64) not null, "response" jsonb null, "created_at" timestamptz not null, constraint "knowledge_idempotent_request_pkey" primary key ("scope", "key", "field"));`,
    );
    this.addSql(`create index "knowledge_idempotent_request_created_at_index" on "knowledge_idempotent_request" ("created_at");`);
  }
}
