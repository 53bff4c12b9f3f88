import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiSchemaSdl, composeSupergraph } from './compose.js';
import { checkSchemaFiles, formatReport, publishSchema, type SchemaFiles } from './schema-check.js';

// npm run schema:check   compares schema/api.graphql with schema/published/api.graphql
// npm run schema:publish makes it the published baseline (after the same check)
const root = join(__dirname, '..', '..');
const files: SchemaFiles = {
  working: join(root, 'schema', 'api.graphql'),
  published: join(root, 'schema', 'published', 'api.graphql'),
  changes: join(root, 'schema', 'CHANGES.md'),
};

/** The committed API schema must be what the committed subgraph SDLs compose to, or the check compares the wrong thing. */
function assertFresh(): void {
  const expected = apiSchemaSdl(composeSupergraph(root).supergraphSdl);
  if (readFileSync(files.working, 'utf8') !== expected) {
    throw new Error('schema/api.graphql is stale: run npm run compose, then check again');
  }
}

async function main(command: string): Promise<number> {
  assertFresh();
  if (command === 'check') {
    const report = await checkSchemaFiles(files);
    process.stdout.write(formatReport(report));
    return report.passed ? 0 : 1;
  }
  if (command === 'publish') {
    const report = await publishSchema(files);
    process.stdout.write(formatReport(report));
    if (report.passed)
      process.stdout.write('schema/published/api.graphql now holds the working schema; commit it with schema/CHANGES.md\n');
    return report.passed ? 0 : 1;
  }
  throw new Error(`Unknown command "${command}": use check or publish`);
}

main(process.argv[2] ?? 'check').then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
