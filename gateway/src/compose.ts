import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';

/** Every subgraph the platform can have, with the URL it listens on by default. */
export const SUBGRAPHS: readonly { name: string; url: string }[] = [
  { name: 'crm', url: 'http://localhost:4001/graphql' },
  { name: 'memory', url: 'http://localhost:4002/graphql' },
  { name: 'knowledge', url: 'http://localhost:4003/graphql' },
  { name: 'chat', url: 'http://localhost:4004/graphql' },
];

export interface Composition {
  supergraphSdl: string;
  /** Hints of WARN level: composition succeeded, but something may break a client. */
  warnings: string[];
}

/** The committed SDL of every subgraph that exists under `root/subgraphs`. */
export function subgraphSdls(root: string): { name: string; url: string; sdl: string }[] {
  return SUBGRAPHS.map((subgraph) => ({ ...subgraph, path: join(root, 'subgraphs', subgraph.name, 'schema.graphql') }))
    .filter(({ path }) => existsSync(path))
    .map(({ name, url, path }) => ({ name, url, sdl: readFileSync(path, 'utf8') }));
}

/** Composes the committed subgraph SDLs into a supergraph; throws listing every composition error. */
export function composeSupergraph(root: string): Composition {
  const result = composeServices(subgraphSdls(root).map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  const warnings = result.hints
    // The level's name rather than its numeric enum, which @apollo/composition does not export from its entry point.
    .filter((hint) => hint.definition.level.name === 'WARN')
    .map((hint) => `${hint.definition.code}: ${hint.message}`);
  return { supergraphSdl: `${result.supergraphSdl.trim()}\n`, warnings };
}

const API_SCHEMA_HEADER = '# The public API schema, written by `npm run compose` from schema/supergraph.graphql. Do not edit.\n\n';

/**
 * The API schema partners see: the supergraph without federation's `join__`/`link__` machinery and
 * without anything marked `@inaccessible`; what the gateway itself exposes to clients.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  return `${API_SCHEMA_HEADER}${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()).trim()}\n`;
}
