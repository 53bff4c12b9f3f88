import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './Migration20261122000000_initial.js';
import { Migration20261122120000_vector_index } from './Migration20261122120000_vector_index.js';
import { Migration20261203100000_audit } from './Migration20261203100000_audit.js';
import { Migration20261203100000_document_freshness } from './Migration20261203100000_document_freshness.js';
import { Migration20261203110000_reviewed_answers } from './Migration20261203110000_reviewed_answers.js';
import { Migration20261204120000_idempotent_requests } from './Migration20261204120000_idempotent_requests.js';

/** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
  { name: 'Migration20261122120000_vector_index', class: Migration20261122120000_vector_index },
  { name: 'Migration20261203100000_audit', class: Migration20261203100000_audit },
  { name: 'Migration20261203100000_document_freshness', class: Migration20261203100000_document_freshness },
  { name: 'Migration20261203110000_reviewed_answers', class: Migration20261203110000_reviewed_answers },
  { name: 'Migration20261204120000_idempotent_requests', class: Migration20261204120000_idempotent_requests },
];
