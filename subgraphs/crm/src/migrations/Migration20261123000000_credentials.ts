import { Migration } from '@mikro-orm/migrations';

/** Partner API keys (only their secrets' hashes) and signed-out session tokens. */
export class Migration20261123000000_credentials extends Migration {
  override up(): void {
    this.addSql(
      `create table "api_key" ("id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "role" text check ("role" in ('ADMIN', 'AGENT', 'PARTNER')) not null default 'PARTNER', "expires_at" timestamptz null, "last_used_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "team_member" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `create table "revoked_session" ("jti" varchar(64) not null, "member_id" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz not null, constraint "revoked_session_pkey" primary key ("jti"));`,
    );
    this.addSql(`create index "revoked_session_expires_at_index" on "revoked_session" ("expires_at");`);
  }
}
