import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ApiError, ApiErrorCode } from './errors';
import { variablesRefusal } from './request-input';
import { DEFAULT_PAGE, MAX_PAGE } from '../services/paging';

/** Limits every request is held to, over HTTP and WebSocket alike. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1000,
  maxCost: 5000,
  /** Selection nodes the analysis visits at most; with each fragment visited once, the document size bounds it. */
  maxSelections: 1000,
  /**
   * Introspection (`__schema`, `__type`) is measured apart from data: its depth comes from `ofType`
   * chains (14 in graphql-js's standard query, whose `typeDepth` is 9), and its size from lists
   * nested in lists (`types { fields { args` is 3). Nesting more lists only repeats the schema, so
   * it is refused, as is asking for `__schema` twice. graphql-js's validation already refuses deep
   * `fields`/`interfaces`/`possibleTypes`/`inputFields` nesting (MaxIntrospectionDepthRule); this
   * also counts `types`, `args`, `enumValues` and `directives`, and bounds `ofType`.
   */
  introspection: { maxDepth: 20, maxNestedLists: 3, maxSchemaFields: 1 },
};

/** The list fields of the introspection types (`__Schema`, `__Type`, `__Field`, `__Directive`) that hold objects. */
const INTROSPECTION_LISTS = new Set([
  'types',
  'directives',
  'fields',
  'args',
  'inputFields',
  'interfaces',
  'possibleTypes',
  'enumValues',
]);
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

export interface IntrospectionShape {
  /** `__schema` and `__type` selections, each spread counted. */
  fields: number;
  /** `__schema` selections alone. */
  schemaFields: number;
  /** Depth below the deepest introspection root, the root included. */
  depth: number;
  /** Most introspection lists nested on one path. */
  nestedLists: number;
}

export interface QueryShape {
  /** Depth of data fields; introspection is measured in `introspection`. */
  depth: number;
  aliases: number;
  cost: number;
  /** Selection nodes visited (each fragment's once); more than `maxSelections` stops the walk. */
  selections: number;
  /** The first `first`/`last` outside 1–MAX_PAGE, as its variables and defaults resolve. */
  badPageSize: { argument: string; value: number } | null;
  introspection: IntrospectionShape;
}

/** What a selection set adds where it is used: a fragment's is computed once, then added per spread. */
interface Tally {
  cost: number;
  aliases: number;
  /** Depth below this selection set (0 when it holds leaves only), introspection roots left out. */
  depth: number;
  /** Introspection-list fields nested on one path below this set (meaningful inside introspection). */
  lists: number;
  introspection: IntrospectionShape;
}

const NO_INTROSPECTION: IntrospectionShape = { fields: 0, schemaFields: 0, depth: 0, nestedLists: 0 };
const ZERO: Tally = { cost: 0, aliases: 0, depth: 0, lists: 0, introspection: NO_INTROSPECTION };

/** Introspection of two sibling selections: counts add up, depths take the deeper. */
function combine(a: IntrospectionShape, b: IntrospectionShape): IntrospectionShape {
  return {
    fields: a.fields + b.fields,
    schemaFields: a.schemaFields + b.schemaFields,
    depth: Math.max(a.depth, b.depth),
    nestedLists: Math.max(a.nestedLists, b.nestedLists),
  };
}
const PAGE_ARGUMENTS = ['first', 'last', 'after', 'before'];

/**
 * `first`/`last` as execution will see it: a literal, the variable's value, or its default when the
 * request leaves it out. `null` is an explicit null (the default page); undefined is a value of
 * the wrong type, which variable coercion refuses before any resolver runs.
 */
function pageSizeOf(
  value: ValueNode | undefined,
  variables: Record<string, unknown>,
  defaults: ReadonlyMap<string, ValueNode>,
): number | null | undefined {
  if (!value) return null;
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    if (Object.hasOwn(variables, name)) {
      const given = variables[name];
      if (given === null || given === undefined) return null;
      return typeof given === 'number' && Number.isInteger(given) ? given : undefined;
    }
    const fallback = defaults.get(name);
    return fallback ? pageSizeOf(fallback, {}, new Map()) : null;
  }
  if (value.kind === Kind.NULL) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  return undefined;
}

/**
 * Depth, alias count and cost of an operation: each field costs 1; a list page multiplies what it
 * contains by its `first`/`last` (default page size when absent), the way GitHub counts points.
 *
 * Linear in the document: a fragment is walked once and its tally added at every spread, so
 * `F0 { ...F1 ...F1 } F1 { ...F2 ...F2 } …` costs 2^n as a number, not 2^n steps. Not
 * graphql-query-complexity: its visitor (2.0) walks a fragment again at every spread, which is
 * the exponential walk this replaces, and its estimators see fields only, not fragments.
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
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const tallies = new Map<string, Tally>();
  /** Fragments being walked: a cycle (refused by validation anyway) adds nothing. */
  const open = new Set<string>();
  let selections = 0;
  let badPageSize: QueryShape['badPageSize'] = null;
  const exhausted = () => selections > QUERY_LIMITS.maxSelections;

  const fragmentTally = (name: string): Tally => {
    const known = tallies.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || open.has(name)) return ZERO;
    open.add(name);
    const tally = walk(fragment.selectionSet);
    open.delete(name);
    tallies.set(name, tally);
    return tally;
  };

  const walk = (set: SelectionSetNode): Tally => {
    let cost = 0;
    let aliases = 0;
    let depth = 0;
    let lists = 0;
    let introspection = NO_INTROSPECTION;
    for (const selection of set.selections) {
      selections += 1;
      if (exhausted()) break;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        if (!selection.selectionSet) {
          cost += selection.name.value.startsWith('__') ? 0 : 1;
          continue;
        }
        const argument = (name: string) => selection.arguments?.find((arg) => arg.name.value === name)?.value;
        let size: number | null = null;
        for (const name of ['first', 'last']) {
          const value = pageSizeOf(argument(name), variables, defaults);
          if (typeof value !== 'number') continue;
          if ((value < 1 || value > MAX_PAGE) && !badPageSize) badPageSize = { argument: name, value };
          size ??= Math.min(Math.max(value, 1), MAX_PAGE);
        }
        const isPage = selection.arguments?.some((arg) => PAGE_ARGUMENTS.includes(arg.name.value));
        const multiplier = size ?? (isPage ? DEFAULT_PAGE : 1);
        const inner = walk(selection.selectionSet);
        cost += 1 + multiplier * inner.cost;
        aliases += inner.aliases;
        const name = selection.name.value;
        lists = Math.max(lists, inner.lists + (INTROSPECTION_LISTS.has(name) ? 1 : 0));
        if (INTROSPECTION_ROOTS.has(name)) {
          // Below a root every field is introspection (there is no data under `__Type`).
          introspection = combine(introspection, {
            fields: 1,
            schemaFields: name === '__schema' ? 1 : 0,
            depth: inner.depth + 1,
            nestedLists: inner.lists,
          });
        } else {
          depth = Math.max(depth, inner.depth + 1);
          introspection = combine(introspection, inner.introspection);
        }
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? walk(selection.selectionSet)
            : fragmentTally(selection.name.value);
        cost += inner.cost;
        aliases += inner.aliases;
        depth = Math.max(depth, inner.depth);
        lists = Math.max(lists, inner.lists);
        introspection = combine(introspection, inner.introspection);
      }
    }
    return { cost, aliases, depth, lists, introspection };
  };

  const { cost, aliases, depth, introspection } = walk(operation.selectionSet);
  return { cost, aliases, depth, introspection, selections, badPageSize };
}

/** Why the operation is refused before it runs, or null. */
export function limitViolation(shape: QueryShape): ApiError | null {
  const tooComplex = (message: string) =>
    new ApiError(ApiErrorCode.QUERY_TOO_COMPLEX, message, {
      cost: Math.min(shape.cost, Number.MAX_SAFE_INTEGER),
    });
  if (shape.selections > QUERY_LIMITS.maxSelections) {
    return tooComplex(`Query has more than ${QUERY_LIMITS.maxSelections} selections.`);
  }
  const introspection = QUERY_LIMITS.introspection;
  if (shape.introspection.schemaFields > introspection.maxSchemaFields) {
    return tooComplex('Ask for __schema once per request: every copy is the same schema.');
  }
  if (shape.introspection.depth > introspection.maxDepth) {
    return tooComplex(
      `Introspection depth ${shape.introspection.depth} exceeds its limit of ${introspection.maxDepth} (enough for ofType chains of ${introspection.maxDepth - 5}).`,
    );
  }
  if (shape.introspection.nestedLists > introspection.maxNestedLists) {
    return tooComplex(
      `Introspection nests ${shape.introspection.nestedLists} lists on one path; the limit is ${introspection.maxNestedLists}, as in the standard introspection query (types, fields, args).`,
    );
  }
  if (shape.depth > QUERY_LIMITS.maxDepth) {
    return tooComplex(`Query depth ${shape.depth} exceeds the limit of ${QUERY_LIMITS.maxDepth}.`);
  }
  if (shape.aliases > QUERY_LIMITS.maxAliases) {
    return tooComplex(`Query uses ${shape.aliases} aliases; the limit is ${QUERY_LIMITS.maxAliases}.`);
  }
  if (shape.badPageSize) {
    const { argument } = shape.badPageSize;
    return new ApiError(ApiErrorCode.BAD_USER_INPUT, `\`${argument}\` must be between 1 and ${MAX_PAGE}.`, {
      field: argument,
    });
  }
  if (shape.cost > QUERY_LIMITS.maxCost) {
    return tooComplex(
      `Query cost ${shape.cost} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for smaller pages.`,
    );
  }
  return null;
}

/**
 * The one check HTTP and WebSocket both run once the operation is known: its shape, and the
 * refusal when its variables cannot be taken (too deep, text PostgreSQL cannot store) or it
 * breaks a limit. A refused operation runs nothing and is charged nothing.
 */
export function assessOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): { shape: QueryShape; refusal: ApiError | null } {
  const shape = measureOperation(document, operation, variables);
  return { shape, refusal: variablesRefusal(variables) ?? limitViolation(shape) };
}
