import { createLogger } from '@nusa/platform';
import { createTestDatabase } from '@nusa/platform/testing';
import { openDatabase } from '../orm';
import { migrations } from './index';

describe('migrations', () => {
  it('bring an empty database to exactly the schema the entities describe, and run once', async () => {
    const database = await createTestDatabase('migrations');
    const logger = createLogger('test', 'silent');
    try {
      const orm = await openDatabase(database.url, logger);
      try {
        const drift = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
        expect(drift.trim()).toBe('');
        expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
        const services = await orm.em.getConnection().execute<{ count: string }[]>('select count(*) from service');
        expect(Number(services[0]?.count)).toBeGreaterThanOrEqual(15);
      } finally {
        await orm.close();
      }
      const again = await openDatabase(database.url, logger);
      expect((await again.getMigrator().getExecutedMigrations()).length).toBe(migrations.length);
      await again.close();
    } finally {
      await database.drop();
    }
  });
});
