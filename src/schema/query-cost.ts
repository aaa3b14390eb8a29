import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE } from '../services/paging';

/** Limits every request is held to, over HTTP and WebSocket alike. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1000,
  maxCost: 5000,
};

export interface QueryShape {
  depth: number;
  aliases: number;
  cost: number;
}

function argumentNumber(
  value: ValueNode | undefined,
  variables: Record<string, unknown>,
): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : undefined;
  }
  return undefined;
}

/**
 * Depth, alias count and cost of an operation: each field costs 1; a list page multiplies what it
 * contains by its `first`/`last` (default page size when absent), the way GitHub counts points.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  let maxDepth = 0;
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): number => {
    maxDepth = Math.max(maxDepth, depth);
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        if (!selection.selectionSet) {
          cost += selection.name.value.startsWith('__') ? 0 : 1;
          continue;
        }
        const first = argumentNumber(
          selection.arguments?.find((arg) => arg.name.value === 'first')?.value,
          variables,
        );
        const last = argumentNumber(
          selection.arguments?.find((arg) => arg.name.value === 'last')?.value,
          variables,
        );
        const isPage = selection.arguments?.some((arg) =>
          ['first', 'last', 'after', 'before'].includes(arg.name.value),
        );
        const multiplier = first ?? last ?? (isPage ? DEFAULT_PAGE : 1);
        cost += 1 + Math.max(1, multiplier) * walk(selection.selectionSet, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, depth, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        cost += walk(fragment.selectionSet, depth, new Set([...seen, name]));
      }
    }
    return cost;
  };
  const cost = walk(operation.selectionSet, 0, new Set());
  return { depth: maxDepth, aliases, cost };
}

export function limitViolation(shape: QueryShape): string | null {
  if (shape.depth > QUERY_LIMITS.maxDepth) {
    return `Query depth ${shape.depth} exceeds the limit of ${QUERY_LIMITS.maxDepth}.`;
  }
  if (shape.aliases > QUERY_LIMITS.maxAliases) {
    return `Query uses ${shape.aliases} aliases; the limit is ${QUERY_LIMITS.maxAliases}.`;
  }
  if (shape.cost > QUERY_LIMITS.maxCost) {
    return `Query cost ${shape.cost} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for smaller pages.`;
  }
  return null;
}
