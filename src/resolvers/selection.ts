import { type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Field names of a selection set, through fragments and inline fragments (whatever their type condition). */
function fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: FieldNode[]): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, info, into);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
}

/**
 * The fields asked of a connection's rows (`edges { node { … } }` and `nodes { … }`) by the field
 * being resolved: a superset when fragments of several types are spread, never less.
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const top: FieldNode[] = [];
  for (const node of info.fieldNodes) fieldsOf(node.selectionSet, info, top);
  const rows: FieldNode[] = [];
  for (const field of top) {
    if (field.name.value === 'nodes') fieldsOf(field.selectionSet, info, rows);
    if (field.name.value !== 'edges') continue;
    const edge: FieldNode[] = [];
    fieldsOf(field.selectionSet, info, edge);
    for (const inner of edge) if (inner.name.value === 'node') fieldsOf(inner.selectionSet, info, rows);
  }
  return new Set(rows.map((field) => field.name.value));
}

/**
 * The entity columns a list must read for the asked fields, when every one of them is a plain column
 * (`plain`: GraphQL name → property); null when any other field is asked (one with a resolver of its
 * own may need any column), so the whole row is read. `always` are read whatever is asked.
 */
export function plainColumns(
  asked: Set<string>,
  plain: Record<string, string>,
  always: string[],
): string[] | null {
  const columns = new Set(always);
  for (const field of asked) {
    if (field === '__typename' || field === 'id') continue;
    const column = plain[field];
    if (!column) return null;
    columns.add(column);
  }
  return [...columns];
}
