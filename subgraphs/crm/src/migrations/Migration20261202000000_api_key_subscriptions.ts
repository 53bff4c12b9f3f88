import { Migration } from '@mikro-orm/migrations';

/** A per-key cap on open subscriptions (null: the gateway's default). */
export class Migration20261202000000_api_key_subscriptions extends Migration {
  override up(): void {
    this.addSql(`alter table "api_key" add column "max_subscriptions" int null;`);
  }
}
