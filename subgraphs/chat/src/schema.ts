import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { Scope } from '@nusa/platform';
import { authCheckerFor, buildFederatedSchema } from '@nusa/subgraph';
import { MessageResolver } from './message/message.resolver.js';
import { StreamResolver } from './stream/stream.resolver.js';

/** type-graphql wants a PubSub for subscriptions; the token log serves them instead, so this one is never used. */
const unusedPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('chat subscriptions read the token log');
  },
};

/** The chat subgraph's executable schema. */
export function buildChatSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [MessageResolver, StreamResolver],
    authChecker: authCheckerFor({ read: Scope.Chat, write: Scope.Chat }),
    pubSub: unusedPubSub,
    validate: false,
  });
}
