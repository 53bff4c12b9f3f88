import {
  getNamedType,
  getNullableType,
  isListType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/** The shape limits every operation must keep. */
export interface QueryLimits {
  /** Deepest field nesting. */
  maxDepth: number;
  /** Aliased fields in one document. */
  maxAliases: number;
  /** The cost model's ceiling: each field costs 1, times the page size of every list above it. */
  maxCost: number;
  /** Operations in one batched HTTP request. */
  maxBatch: number;
}

/** The page size a list field is assumed to return when its `first`/`last`/`limit` is not given. */
const DEFAULT_PAGE = 20;
const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit']);
/** How many items a list field without a page size is assumed to hold. */
const DEFAULT_LIST = 5;

/** A refusal naming the limit and its value, the same shape for every limit. */
export function limitError(limit: keyof QueryLimits, value: number, actual: number, what: string): GraphQLError {
  return new GraphQLError(`${what} is ${actual}; the limit (${limit}) is ${value}`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, value, actual },
  });
}

/**
 * Validation rule: no field nested deeper than `maxDepth` (fragments followed, cycles cut). Inside
 * introspection (`__schema`, `__type`) the `ofType` wrappers of a type reference do not count: they
 * are as deep as the schema's `[T!]!`, not the caller's choice, and the standard introspection query
 * of GraphiQL and codegen nests them nine levels. Cycles such as `fields { type { fields … } }` count.
 */
export function depthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, seen: Set<string>, introspection: boolean): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          const inside = introspection || name === '__schema' || name === '__type';
          const level = introspection && name === 'ofType' ? 0 : 1;
          deepest = Math.max(deepest, level + (selection.selectionSet ? depthOf(selection.selectionSet, seen, inside) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen, introspection));
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment && !seen.has(fragment.name.value))
            deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, fragment.name.value]), introspection));
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const depth = depthOf(operation.selectionSet, new Set(), false);
        if (depth > maxDepth) context.reportError(limitError('maxDepth', maxDepth, depth, 'The query depth'));
      },
    };
  };
}

/** Validation rule: at most `maxAliases` aliased fields in the document. */
export function aliasRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field: FieldNode) {
        if (field.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) context.reportError(limitError('maxAliases', maxAliases, aliases, 'The number of aliases'));
        },
      },
    };
  };
}

function pageSize(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  for (const argument of field.arguments ?? []) {
    if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
    const value: ValueNode = argument.value;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === 'number') return given;
    }
  }
  return undefined;
}

/**
 * The operation's cost: every field costs 1, multiplied by the page size of each paged field above
 * it (its `first`, `last` or `limit`; {@link DEFAULT_PAGE} when a field that takes one is not given it;
 * {@link DEFAULT_LIST} for any other list but a connection's `edges`).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  const costOf = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined | null,
    multiplier: number,
    seen: Set<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += multiplier;
        if (!selection.selectionSet) continue;
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const takesPage = definition?.args.some((argument) => PAGE_ARGUMENTS.has(argument.name)) ?? false;
        // A connection's edges are the page its parent asked for; another list without a page size counts as a few.
        const pageOfParent = parent?.name.endsWith('Connection') && (selection.name.value === 'edges' || selection.name.value === 'nodes');
        const unpagedList = definition !== undefined && isListType(getNullableType(definition.type)) && !pageOfParent;
        const size = pageSize(selection, variables) ?? (takesPage ? DEFAULT_PAGE : unpagedList ? DEFAULT_LIST : 1);
        total += costOf(selection.selectionSet, definition ? getNamedType(definition.type) : undefined, multiplier * size, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += costOf(selection.selectionSet, type, multiplier, seen);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        total += costOf(
          fragment.selectionSet,
          schema.getType(fragment.typeCondition.name.value),
          multiplier,
          new Set([...seen, fragment.name.value]),
        );
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, 1, new Set());
}
