import type { IncomingMessage } from 'node:http';
import {
  Kind,
  print,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';

/** The argument a stream resumes after: the last `seq` the client saw. */
const AFTER_SEQ = 'afterSeq';

/** An admitted subscription's operation: what is resumed. */
export interface ResumableOperation {
  document: DocumentNode;
  source: string;
  variables: Record<string, unknown>;
}

/** The `Last-Event-ID` a reconnecting client sent, as a whole number, else undefined. */
export function lastEventIdOf(req: IncomingMessage): number | undefined {
  const header = req.headers['last-event-id'];
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** The `seq` of a stream event (the root field's `seq`, when it is selected): its SSE event id. */
export function seqOf(result: FormattedExecutionResult): number | undefined {
  const root: unknown = result.data ? Object.values(result.data)[0] : undefined;
  const seq = typeof root === 'object' && root !== null ? (root as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' && Number.isInteger(seq) ? seq : undefined;
}

function rootField(document: DocumentNode): FieldNode | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const field = definition.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
    if (field) return field;
  }
  return undefined;
}

/**
 * `operation` resumed after `afterSeq`, as if the client had passed it (messageStream's
 * `afterSeq`): the variable the root field's `afterSeq` argument names is set, or the argument is
 * written into the operation. A root field without that argument is left as it is.
 */
export function resumeAfter(operation: ResumableOperation, schema: GraphQLSchema, afterSeq: number): ResumableOperation {
  const field = rootField(operation.document);
  const definition = field ? schema.getSubscriptionType()?.getFields()[field.name.value] : undefined;
  if (!field || !definition?.args.some((argument) => argument.name === AFTER_SEQ)) return operation;
  const given = field.arguments?.find((argument) => argument.name.value === AFTER_SEQ);
  if (given?.value.kind === Kind.VARIABLE) {
    return { ...operation, variables: { ...operation.variables, [given.value.name.value]: afterSeq } };
  }
  const argument: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: AFTER_SEQ },
    value: { kind: Kind.INT, value: String(afterSeq) },
  };
  const document = visit(operation.document, {
    Field: (node) =>
      node === field ? { ...node, arguments: [...(node.arguments ?? []).filter((other) => other !== given), argument] } : undefined,
  });
  return { document, source: print(document), variables: operation.variables };
}
