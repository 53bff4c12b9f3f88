import type { EntityClass, EntitySchema, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/platform';
import { idempotentRequestSchema } from './idempotency.js';

/** What a service keeps in PostgreSQL: its entities and its migrations, in their own table. */
export interface DatabaseSpec {
  entities: EntityClass<object>[];
  /** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
  migrations: MigrationObject[];
  /** Each service records its migrations apart, so services can share one database. */
  migrationsTable: string;
  /**
   * The table of the service's idempotent writes (see idempotency.ts), named for the service since
   * services can share one database; its migration creates it. Default: none (no idempotent writes).
   */
  idempotentRequestsTable?: string;
}

/** MikroORM settings for `spec` at `url`. */
export function ormOptions(spec: DatabaseSpec, url: string, overrides: Partial<Options> = {}): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: [
      ...spec.entities,
      ...(spec.idempotentRequestsTable ? [idempotentRequestSchema(spec.idempotentRequestsTable) as EntitySchema] : []),
    ],
    extensions: [Migrator],
    migrations: { migrationsList: spec.migrations, tableName: spec.migrationsTable, transactional: true, allOrNothing: true },
    // Requests must fork: a shared identity map would leak entities between callers.
    allowGlobalContext: false,
    colors: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 20, idleTimeoutMillis: 30_000 },
    driverOptions: { connection: { statement_timeout: 10_000, connectionTimeoutMillis: 5_000 } },
    ...overrides,
  };
}

/** Connects and brings the schema up to date with the checked-in migrations, logging what it applies. */
export async function openDatabase(spec: DatabaseSpec, url: string, logger: Logger, overrides: Partial<Options> = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(spec, url, { logger: (message) => logger.info(message), ...overrides }));
  await orm.getMigrator().up();
  return orm;
}
