import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, requireCaller, roleAuthChecker } from '@nusa/shared';
import type { KnowledgeContext } from './graphql/context.js';
import { KnowledgeResolver, resolveKnowledgeDocumentReference } from './graphql/knowledge.resolver.js';

/** The knowledge subgraph's executable schema. */
export function buildKnowledgeSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [KnowledgeResolver], authChecker: roleAuthChecker, validate: { forbidUnknownValues: false } },
    {
      KnowledgeDocument: {
        __resolveReference: (reference: { id: string }, context: KnowledgeContext) => {
          requireCaller(context);
          return resolveKnowledgeDocumentReference(reference, context);
        },
      },
    },
  );
}
