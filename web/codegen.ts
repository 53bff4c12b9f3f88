import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';

/**
 * The API schema clients see: the committed supergraph without federation internals and without
 * anything `@inaccessible`. Derived here, so generating types needs neither a running gateway nor
 * a network.
 */
const supergraphSdl = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
const apiSchemaSdl = printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());

const config: CodegenConfig = {
  schema: apiSchemaSdl,
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string' },
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        skipTypename: false,
      },
    },
  },
};

// graphql-codegen reads its configuration from the default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
