import { KnowledgeAuditResolver } from './audit/knowledge-audit.resolver.js';
import type { GraphQLSchema } from 'graphql';
import { Scope } from '@nusa/platform';
import { authCheckerFor, buildFederatedSchema } from '@nusa/subgraph';
// type-graphql orders the root fields as their resolver modules load: these imports keep the SDL's order.
import { CollectionResolver } from './collection/collection.resolver.js';
import { SearchResolver } from './search/search.resolver.js';
import { DocumentResolver } from './document/document.resolver.js';
import { FreshnessResolver } from './document/freshness.resolver.js';
import { resolveKnowledgeDocumentReference } from './document/document.reference.js';
import { MessageReviewResolver, ReviewedAnswerResolver, ReviewMarkResolver } from './reviewed-answer/reviewed-answer.resolver.js';
import { resolveMessageReference, resolveReviewedAnswerReference } from './reviewed-answer/reviewed-answer.reference.js';
import { Message } from './reviewed-answer/reviewed-answer.type.js';

/** The knowledge subgraph's executable schema. */
export function buildKnowledgeSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        CollectionResolver,
        SearchResolver,
        DocumentResolver,
        FreshnessResolver,
        ReviewedAnswerResolver,
        MessageReviewResolver,
        ReviewMarkResolver,
        KnowledgeAuditResolver,
      ],
      // API keys: reads need knowledge:read; ingest and delete (ADMIN only for members) knowledge:write.
      authChecker: authCheckerFor({
        read: Scope.KnowledgeRead,
        write: Scope.KnowledgeWrite,
        adminFieldsOpenToKeys: ['ingestDocument', 'deleteDocument', 'markDocumentChecked', 'retireReviewedAnswer'],
      }),
      // Message is reached from no root field here: it is memory's entity, to which this subgraph adds `reviewed`.
      orphanedTypes: [Message],
      validate: { forbidUnknownValues: false },
    },
    {
      KnowledgeDocument: { __resolveReference: resolveKnowledgeDocumentReference },
      ReviewedAnswer: { __resolveReference: resolveReviewedAnswerReference },
      Message: { __resolveReference: resolveMessageReference },
    },
  );
}
