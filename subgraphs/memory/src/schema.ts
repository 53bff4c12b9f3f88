import type { GraphQLSchema } from 'graphql';
import { Scope } from '@nusa/platform';
import { authCheckerFor, buildFederatedSchema } from '@nusa/subgraph';
import { ClientMemoryActivityResolver, MemoryAuditResolver } from './audit/memory-audit.resolver.js';
import { resolveClientReference } from './client/client.reference.js';
import { ClientResolver } from './client/client.resolver.js';
import { resolveConversationReference } from './conversation/conversation.reference.js';
import { ConversationEventResolver } from './conversation/conversation-event.resolver.js';
import { ConversationResolver } from './conversation/conversation.resolver.js';
import { resolveMemoryFactReference } from './fact/fact.reference.js';
import { FactResolver } from './fact/fact.resolver.js';
import { resolveMessageReference } from './message/message.reference.js';
import { MessageResolver } from './message/message.resolver.js';

/** The memory subgraph's executable schema. */
export function buildMemorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ConversationResolver,
        ConversationEventResolver,
        MessageResolver,
        FactResolver,
        ClientResolver,
        MemoryAuditResolver,
        ClientMemoryActivityResolver,
      ],
      // Everything here is conversation memory: an API key needs `chat`; forgetClient (ADMIN only) stays closed to keys.
      authChecker: authCheckerFor({ read: Scope.Chat, write: Scope.Chat }),
      validate: { forbidUnknownValues: false },
    },
    {
      Client: { __resolveReference: resolveClientReference },
      Conversation: { __resolveReference: resolveConversationReference },
      Message: { __resolveReference: resolveMessageReference },
      MemoryFact: { __resolveReference: resolveMemoryFactReference },
    },
  );
}
