import { migrationDrift } from '@nusa/subgraph/testing';
import { memoryDatabase } from '../orm';
import { migrations } from './index';

it('brings an empty database to exactly the schema the entities describe, running every migration once', async () => {
  expect(await migrationDrift(memoryDatabase, 'memory_migrations')).toEqual({ drift: '', pending: 0, executed: migrations.length });
});
