import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiSchemaSdl, composeSupergraph } from './compose.js';

const root = join(__dirname, '..', '..');
try {
  const { supergraphSdl, warnings } = composeSupergraph(root);
  if (warnings.length > 0) throw new Error(`Composition warnings:\n${warnings.join('\n')}`);
  writeFileSync(join(root, 'schema', 'supergraph.graphql'), supergraphSdl);
  writeFileSync(join(root, 'schema', 'api.graphql'), apiSchemaSdl(supergraphSdl));
  process.stdout.write('schema/supergraph.graphql composed, schema/api.graphql written\n');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
