import type { GraphQLSchema } from 'graphql';
import { Scope } from '@nusa/platform';
import { authCheckerFor, buildFederatedSchema } from '@nusa/subgraph';
import { MessageResolver } from './message/message.resolver.js';
import { ReviewedAnswerResolver } from './reviewed-answer/reviewed-answer.resolver.js';
import { StreamResolver } from './stream/stream.resolver.js';

/** The chat subgraph's executable schema. */
export function buildChatSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [MessageResolver, StreamResolver, ReviewedAnswerResolver],
    authChecker: authCheckerFor({ read: Scope.Chat, write: Scope.Chat }),
    validate: false,
  });
}
