import type { GraphQLSchema } from 'graphql';
import { requireCaller, requireScope, Scope } from '@nusa/platform';
import { authCheckerFor, buildFederatedSchema } from '@nusa/subgraph';
import type { KnowledgeContext } from './graphql/context.js';
import { KnowledgeResolver, resolveKnowledgeDocumentReference } from './graphql/knowledge.resolver.js';

/** The knowledge subgraph's executable schema. */
export function buildKnowledgeSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [KnowledgeResolver],
      // API keys: reads need knowledge:read; ingest and delete (ADMIN only for members) knowledge:write.
      authChecker: authCheckerFor({
        read: Scope.KnowledgeRead,
        write: Scope.KnowledgeWrite,
        adminFieldsOpenToKeys: ['ingestDocument', 'deleteDocument'],
      }),
      validate: { forbidUnknownValues: false },
    },
    {
      KnowledgeDocument: {
        __resolveReference: (reference: { id: string }, context: KnowledgeContext) => {
          requireScope(requireCaller(context), Scope.KnowledgeRead);
          return resolveKnowledgeDocumentReference(reference, context);
        },
      },
    },
  );
}
