import { Migration } from '@mikro-orm/migrations';

/** Webhook events may be ANSWER_COMPLETED (relayed from the memory subgraph). */
export class Migration20261203170000_answer_completed extends Migration {
  override up(): void {
    this.addSql(`alter table "webhook_event" drop constraint if exists "webhook_event_type_check";`);
    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_type_check" check("type" in ('CLIENT_CREATED', 'PRACTICE_STATUS_CHANGED', 'ANSWER_COMPLETED'));`,
    );
  }
}
