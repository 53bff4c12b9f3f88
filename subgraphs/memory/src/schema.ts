import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, roleAuthChecker } from '@nusa/shared';
import { resolveClientReference } from './client/client.reference.js';
import { ClientResolver } from './client/client.resolver.js';
import { resolveConversationReference } from './conversation/conversation.reference.js';
import { ConversationResolver } from './conversation/conversation.resolver.js';
import { resolveMemoryFactReference } from './fact/fact.reference.js';
import { FactResolver } from './fact/fact.resolver.js';
import { resolveMessageReference } from './message/message.reference.js';
import { MessageResolver } from './message/message.resolver.js';

/** The memory subgraph's executable schema. */
export function buildMemorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [ConversationResolver, MessageResolver, FactResolver, ClientResolver],
      authChecker: roleAuthChecker,
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
