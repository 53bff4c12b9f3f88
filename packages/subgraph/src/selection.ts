import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields named `name` among `set`'s selections, fragments (inline and named) looked into. */
function fieldsNamed(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, found: FieldNode[]): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsNamed(selection.selectionSet, name, info, found);
    } else {
      fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, info, found);
    }
  }
}

/**
 * Whether the operation asks, under the field being resolved, for the field at `path` (names, not
 * aliases): `selects(info, 'edges', 'node', 'practices')` on a page. `@include`/`@skip` are not
 * weighed, so a skipped field counts as asked for: enough to decide what to read ahead, where reading
 * too much costs a statement and never changes the answer.
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const field of level) fieldsNamed(field.selectionSet, name, info, next);
    if (next.length === 0) return false;
    level = next;
  }
  return true;
}
