import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE on it, whoever
 * asks), practices' document checklists from their catalog service, and the sessions issued at
 * sign-in (so deactivating a member can revoke them).
 */
export class Migration20261203000000_audit_documents_sessions extends Migration {
  override up(): void {
    this.addSql(
      `create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "actor_kind" text check ("actor_kind" in ('MEMBER', 'API_KEY', 'SERVICE')) not null, "actor_id" uuid null, "actor_name" varchar(200) not null, "action" text check ("action" in ('CLIENT_CREATED', 'CLIENT_UPDATED', 'PRACTICE_OPENED', 'PRACTICE_UPDATED', 'PRACTICE_STATUS_CHANGED', 'PRACTICE_ASSIGNED', 'PRACTICE_DOCUMENT_SET', 'INTERACTION_LOGGED', 'API_KEY_CREATED', 'API_KEY_REVOKED', 'TEAM_MEMBER_INVITED', 'TEAM_MEMBER_DEACTIVATED', 'TEAM_MEMBER_PASSWORD_CHANGED')) not null, "entity_type" text check ("entity_type" in ('CLIENT', 'PRACTICE', 'INTERACTION', 'API_KEY', 'TEAM_MEMBER')) not null, "entity_id" uuid not null, "client_id" uuid null, "practice_id" uuid null, "before" jsonb null, "after" jsonb null, constraint "audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_entry_actor_id_at_id_index" on "audit_entry" ("actor_id", "at", "id");`);
    this.addSql(`create index "audit_entry_entity_id_at_id_index" on "audit_entry" ("entity_id", "at", "id");`);
    this.addSql(`create index "audit_entry_practice_id_at_id_index" on "audit_entry" ("practice_id", "at", "id");`);
    this.addSql(`create index "audit_entry_client_id_at_id_index" on "audit_entry" ("client_id", "at", "id");`);
    this.addSql(`create index "audit_entry_at_id_index" on "audit_entry" ("at", "id");`);
    this.addSql(
      `create function "audit_entry_append_only"() returns trigger language plpgsql as $$
       begin
         raise exception 'audit_entry is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
       end
       $$;`,
    );
    this.addSql(
      `create trigger "audit_entry_no_update_or_delete" before update or delete on "audit_entry" for each row execute function "audit_entry_append_only"();`,
    );
    this.addSql(
      `create trigger "audit_entry_no_truncate" before truncate on "audit_entry" for each statement execute function "audit_entry_append_only"();`,
    );

    this.addSql(
      `create table "member_session" ("jti" varchar(64) not null, "member_id" uuid not null, "expires_at" timestamptz not null, "issued_at" timestamptz not null, constraint "member_session_pkey" primary key ("jti"));`,
    );
    this.addSql(`create index "member_session_member_id_index" on "member_session" ("member_id");`);
    this.addSql(`create index "member_session_expires_at_index" on "member_session" ("expires_at");`);

    this.addSql(
      `create table "practice_document" ("id" uuid not null, "practice_id" uuid not null, "name" varchar(200) not null, "position" int not null, "state" text check ("state" in ('RECEIVED', 'MISSING', 'NOT_NEEDED')) not null default 'MISSING', "updated_by_id" uuid null, "updated_at" timestamptz null, constraint "practice_document_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "practice_document" add constraint "practice_document_practice_id_name_unique" unique ("practice_id", "name");`,
    );
    this.addSql(
      `alter table "practice_document" add constraint "practice_document_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "practice_document" add constraint "practice_document_updated_by_id_foreign" foreign key ("updated_by_id") references "team_member" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "practice" add column "service_code" varchar(64) null;`);
    this.addSql(`create index "practice_assignee_id_index" on "practice" ("assignee_id");`);
  }
}
