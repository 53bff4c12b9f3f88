import { Migration } from '@mikro-orm/migrations';

/**
 * Partner webhooks: endpoints, the outbox of events (written in the transaction of each change),
 * deliveries (one per event and endpoint) and their attempts; and the audit trail's new actions
 * and entity type (its check constraints name them; changing a constraint touches no entry).
 */
export class Migration20261203100000_webhooks extends Migration {
  override up(): void {
    this.addSql(
      `create table "webhook_endpoint" ("id" uuid not null, "url" varchar(2048) not null, "event_types" text[] not null, "secret" varchar(80) not null, "enabled" boolean not null default true, "disabled_reason" text null, "disabled_at" timestamptz null, "consecutive_failures" int not null default 0, "created_by_id" uuid null, "created_at" timestamptz not null, constraint "webhook_endpoint_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "webhook_event" ("id" uuid not null, "seq" bigserial, "type" text check ("type" in ('CLIENT_CREATED', 'PRACTICE_STATUS_CHANGED')) not null, "entity_type" varchar(32) not null, "entity_id" uuid not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "fanned_out_at" timestamptz null, constraint "webhook_event_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "webhook_event" add constraint "webhook_event_seq_unique" unique ("seq");`);
    this.addSql(`create index "webhook_event_fanned_out_at_seq_index" on "webhook_event" ("fanned_out_at", "seq");`);
    this.addSql(
      `create table "webhook_delivery" ("id" uuid not null, "seq" bigserial, "endpoint_id" uuid not null, "event_id" uuid not null, "entity_id" uuid not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempt_count" int not null default 0, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "resend_of" uuid null, "created_at" timestamptz not null, constraint "webhook_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_seq_unique" unique ("seq");`);
    this.addSql(`create index "webhook_delivery_event_id_index" on "webhook_delivery" ("event_id");`);
    this.addSql(
      `create index "webhook_delivery_endpoint_id_created_at_id_index" on "webhook_delivery" ("endpoint_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "webhook_delivery_endpoint_id_entity_id_status_seq_index" on "webhook_delivery" ("endpoint_id", "entity_id", "status", "seq");`,
    );
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(
      `create table "webhook_attempt" ("id" uuid not null, "delivery_id" uuid not null, "number" int not null, "at" timestamptz not null, "status_code" int null, "response_body" text null, "duration_ms" int not null, "error" text null, "next_attempt_at" timestamptz null, constraint "webhook_attempt_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "webhook_attempt_delivery_id_index" on "webhook_attempt" ("delivery_id");`);
    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_created_by_id_foreign" foreign key ("created_by_id") references "team_member" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "webhook_event" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`alter table "audit_entry" drop constraint if exists "audit_entry_action_check";`);
    this.addSql(`alter table "audit_entry" drop constraint if exists "audit_entry_entity_type_check";`);
    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_action_check" check("action" in ('CLIENT_CREATED', 'CLIENT_UPDATED', 'PRACTICE_OPENED', 'PRACTICE_UPDATED', 'PRACTICE_STATUS_CHANGED', 'PRACTICE_ASSIGNED', 'PRACTICE_DOCUMENT_SET', 'INTERACTION_LOGGED', 'API_KEY_CREATED', 'API_KEY_REVOKED', 'TEAM_MEMBER_INVITED', 'TEAM_MEMBER_DEACTIVATED', 'TEAM_MEMBER_PASSWORD_CHANGED', 'WEBHOOK_ENDPOINT_CREATED', 'WEBHOOK_ENDPOINT_UPDATED', 'WEBHOOK_ENDPOINT_DISABLED', 'WEBHOOK_ENDPOINT_DELETED', 'WEBHOOK_DELIVERY_RESENT'));`,
    );
    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_entity_type_check" check("entity_type" in ('CLIENT', 'PRACTICE', 'INTERACTION', 'API_KEY', 'TEAM_MEMBER', 'WEBHOOK_ENDPOINT'));`,
    );
  }
}
