import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSubgraphSdl } from '@nusa/subgraph';
import { buildKnowledgeSchema } from './schema.js';

/** Writes the subgraph's SDL, the composition input, next to package.json. */
buildKnowledgeSchema()
  .then((schema) => writeFileSync(join(__dirname, '..', 'schema.graphql'), printSubgraphSdl(schema)))
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
