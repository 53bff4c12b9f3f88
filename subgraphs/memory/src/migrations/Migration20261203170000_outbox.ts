import { Migration } from '@mikro-orm/migrations';

/** Memory's outbox of partner webhook events (`answer.completed`), relayed to the crm. */
export class Migration20261203170000_outbox extends Migration {
  override up(): void {
    this.addSql(
      `create table "outbox_event" ("id" uuid not null, "seq" bigserial, "type" varchar(64) not null, "entity_type" varchar(32) not null, "entity_id" uuid not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "relayed_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_seq_unique" unique ("seq");`);
    this.addSql(`create index "outbox_event_relayed_at_seq_index" on "outbox_event" ("relayed_at", "seq");`);
  }
}
