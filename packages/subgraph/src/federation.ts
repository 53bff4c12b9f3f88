import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type PubSub } from 'type-graphql';

const FEDERATION_LINK = `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
    )
`;

/**
 * type-graphql wants a PubSub for any subscription; ours each name their own source (`subscribe`:
 * a token log, an event bus), so this one is never used.
 */
const unusedPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('every subscription names its own source (@Subscription({ subscribe }))');
  },
};

/** The resolver map `buildSubgraphSchema` takes, typed from its own signature (the package's entry point does not export the type). */
export type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

/** Reference resolvers by entity type name, each in the entity's `*.reference.ts`. */
export type ReferenceResolvers = Record<string, { __resolveReference: (...args: never[]) => unknown }>;

/**
 * The one way every subgraph builds its schema: print the type-graphql schema with its directives,
 * add the federation `@link`, and merge the entities' reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ pubSub: unusedPubSub, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as SubgraphResolvers;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as SubgraphResolvers[string];
  }
  return buildSubgraphSchema({
    typeDefs: gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}

/** The subgraph SDL as composition reads it (federation directives kept), with a trailing newline. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
