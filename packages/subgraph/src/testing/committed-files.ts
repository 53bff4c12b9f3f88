import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { createLogger } from '@nusa/platform';
import { createTestDatabase } from '@nusa/platform/testing';
import { openDatabase, type DatabaseSpec } from '../database.js';
import { printSubgraphSdl } from '../federation.js';

/** The SDL a subgraph's code emits and the one committed beside its package.json (`npm run compose` writes it). */
export async function committedSdl(
  build: () => Promise<GraphQLSchema>,
  packageDir: string,
): Promise<{ emitted: string; committed: string }> {
  return { emitted: printSubgraphSdl(await build()), committed: readFileSync(join(packageDir, 'schema.graphql'), 'utf8') };
}

/**
 * Runs a subgraph's committed migrations on an empty database and reports what still differs from
 * what its entities describe (empty: nothing), the migrations left pending, and how many ran.
 */
export async function migrationDrift(spec: DatabaseSpec, label: string): Promise<{ drift: string; pending: number; executed: number }> {
  const database = await createTestDatabase(label);
  try {
    const orm = await openDatabase(spec, database.url, createLogger('test', 'silent'));
    try {
      const drift = (await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).trim();
      const pending = (await orm.getMigrator().getPendingMigrations()).length;
      const executed = (await orm.getMigrator().getExecutedMigrations()).length;
      return { drift, pending, executed };
    } finally {
      await orm.close();
    }
  } finally {
    await database.drop();
  }
}
