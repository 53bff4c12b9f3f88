import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000_initial } from './Migration20261121000000_initial.js';
import { Migration20261121000100_service_catalog } from './Migration20261121000100_service_catalog.js';

/** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  { name: 'Migration20261121000100_service_catalog', class: Migration20261121000100_service_catalog },
];
