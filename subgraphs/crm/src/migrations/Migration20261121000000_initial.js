"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261121000000_initial = void 0;
const migrations_1 = require("@mikro-orm/migrations");
class Migration20261121000000_initial extends migrations_1.Migration {
    up() {
        this.addSql(`create table "team_member" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "role" text check ("role" in ('ADMIN', 'AGENT', 'PARTNER')) not null, "password_hash" varchar(300) not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "team_member_pkey" primary key ("id"));`);
        this.addSql(`alter table "team_member" add constraint "team_member_email_unique" unique ("email");`);
        this.addSql(`create table "client" ("id" uuid not null, "full_name" varchar(200) not null, "email" varchar(320) null, "phone" varchar(32) null, "nationality" varchar(2) null, "status" text check ("status" in ('LEAD', 'ACTIVE', 'INACTIVE')) not null default 'LEAD', "notes" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "client_pkey" primary key ("id"));`);
        this.addSql(`create index "client_created_at_id_index" on "client" ("created_at", "id");`);
        this.addSql(`create table "service" ("code" varchar(64) not null, "type" text check ("type" in ('KITAS', 'KITAP', 'VISA', 'PT_PMA', 'TAX', 'PROPERTY', 'LEGAL')) not null, "name" varchar(200) not null, "description" text not null, "price_idr" int not null, "typical_duration_days" int not null, "required_documents" text[] not null, "active" boolean not null default true, constraint "service_pkey" primary key ("code"));`);
        this.addSql(`create table "practice" ("id" uuid not null, "client_id" uuid not null, "type" text check ("type" in ('KITAS', 'KITAP', 'VISA', 'PT_PMA', 'TAX', 'PROPERTY', 'LEGAL')) not null, "status" text check ("status" in ('INQUIRY', 'DOCUMENTS_PENDING', 'SUBMITTED', 'IN_PROGRESS', 'APPROVED', 'COMPLETED', 'REJECTED', 'CANCELLED')) not null default 'INQUIRY', "title" varchar(200) not null, "assignee_id" uuid null, "due_date" date null, "expiry_date" date null, "notes" text null, "status_changed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "practice_pkey" primary key ("id"));`);
        this.addSql(`create index "practice_client_id_index" on "practice" ("client_id");`);
        this.addSql(`create index "practice_due_date_index" on "practice" ("due_date");`);
        this.addSql(`create index "practice_expiry_date_index" on "practice" ("expiry_date");`);
        this.addSql(`create table "interaction" ("id" uuid not null, "client_id" uuid not null, "practice_id" uuid null, "author_id" uuid null, "channel" text check ("channel" in ('WHATSAPP', 'EMAIL', 'PHONE', 'MEETING', 'NOTE')) not null, "summary" text not null, "occurred_at" timestamptz not null, "created_at" timestamptz not null, constraint "interaction_pkey" primary key ("id"));`);
        this.addSql(`create index "interaction_practice_id_index" on "interaction" ("practice_id");`);
        this.addSql(`create index "interaction_client_id_occurred_at_index" on "interaction" ("client_id", "occurred_at");`);
        this.addSql(`alter table "practice" add constraint "practice_client_id_foreign" foreign key ("client_id") references "client" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "practice" add constraint "practice_assignee_id_foreign" foreign key ("assignee_id") references "team_member" ("id") on update cascade on delete set null;`);
        this.addSql(`alter table "interaction" add constraint "interaction_client_id_foreign" foreign key ("client_id") references "client" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "interaction" add constraint "interaction_practice_id_foreign" foreign key ("practice_id") references "practice" ("id") on update cascade on delete set null;`);
        this.addSql(`alter table "interaction" add constraint "interaction_author_id_foreign" foreign key ("author_id") references "team_member" ("id") on update cascade on delete set null;`);
    }
}
exports.Migration20261121000000_initial = Migration20261121000000_initial;
//# sourceMappingURL=Migration20261121000000_initial.js.map