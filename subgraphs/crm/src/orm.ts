import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import type { Logger } from '@nusa/shared';
import { ClientEntity } from './client/client.entity.js';
import { InteractionEntity } from './interaction/interaction.entity.js';
import { migrations } from './migrations/index.js';
import { PracticeEntity } from './practice/practice.entity.js';
import { ServiceEntity } from './service-catalog/service.entity.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';

export const entities = [TeamMemberEntity, ClientEntity, PracticeEntity, InteractionEntity, ServiceEntity];

/** MikroORM settings for the CRM database at `url`. */
export function ormOptions(url: string, overrides: Partial<Options> = {}): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, tableName: 'crm_migrations', transactional: true, allOrNothing: true },
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
export async function openDatabase(url: string, logger: Logger, overrides: Partial<Options> = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(url, { logger: (message) => logger.info(message), ...overrides }));
  await orm.getMigrator().up();
  return orm;
}
