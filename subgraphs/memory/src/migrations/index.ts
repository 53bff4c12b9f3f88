import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121010000_initial } from './Migration20261121010000_initial.js';
import { Migration20261203100000_audit } from './Migration20261203100000_audit.js';
import { Migration20261203120000_idempotent_requests } from './Migration20261203120000_idempotent_requests.js';
import { Migration20261203170000_outbox } from './Migration20261203170000_outbox.js';

/** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121010000_initial', class: Migration20261121010000_initial },
  { name: 'Migration20261203100000_audit', class: Migration20261203100000_audit },
  { name: 'Migration20261203120000_idempotent_requests', class: Migration20261203120000_idempotent_requests },
  { name: 'Migration20261203170000_outbox', class: Migration20261203170000_outbox },
];
