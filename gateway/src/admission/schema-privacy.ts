import { GraphQLError, type ASTVisitor, type FieldNode, type ValidationContext } from 'graphql';

/**
 * Validation rule where introspection is off: `__schema` and `__type` are refused (`__typename`
 * stays, clients need it). One rule for every transport, so HTTP and WebSocket refuse alike.
 */
export function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node: FieldNode) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      context.reportError(
        new GraphQLError('GraphQL introspection is disabled on this gateway; the schema is published as schema/api.graphql', {
          nodes: [node],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'INTROSPECTION_DISABLED' },
        }),
      );
    },
  };
}

/** An error message without graphql-js's "Did you mean …?" hints, which would tell names of the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}
