import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000_initial } from './Migration20261121000000_initial.js';
import { Migration20261121000100_service_catalog } from './Migration20261121000100_service_catalog.js';
import { Migration20261123000000_credentials } from './Migration20261123000000_credentials.js';
import { Migration20261202000000_api_key_subscriptions } from './Migration20261202000000_api_key_subscriptions.js';
import { Migration20261203000000_audit_documents_sessions } from './Migration20261203000000_audit_documents_sessions.js';
import { Migration20261203100000_webhooks } from './Migration20261203100000_webhooks.js';
import { Migration20261203120000_idempotent_requests } from './Migration20261203120000_idempotent_requests.js';
import { Migration20261203170000_answer_completed } from './Migration20261203170000_answer_completed.js';

/** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  { name: 'Migration20261121000100_service_catalog', class: Migration20261121000100_service_catalog },
  { name: 'Migration20261123000000_credentials', class: Migration20261123000000_credentials },
  { name: 'Migration20261202000000_api_key_subscriptions', class: Migration20261202000000_api_key_subscriptions },
  { name: 'Migration20261203000000_audit_documents_sessions', class: Migration20261203000000_audit_documents_sessions },
  { name: 'Migration20261203100000_webhooks', class: Migration20261203100000_webhooks },
  { name: 'Migration20261203120000_idempotent_requests', class: Migration20261203120000_idempotent_requests },
  { name: 'Migration20261203170000_answer_completed', class: Migration20261203170000_answer_completed },
];
