import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type Arguments = Record<string, unknown>;

const hasText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const searchesMessages = (args: Arguments) =>
  hasText((args.filter as { messageText?: unknown } | null | undefined)?.messageText);

/**
 * The fields that cost the database more than their query cost says — searches over every
 * message of a workspace, changes of up to 100 locked conversations at once — keyed by
 * `Type.field`, with the arguments that make them so. A workspace runs a bounded number of
 * operations selecting them at once (see `TenantShare`).
 */
export const EXPENSIVE_FIELDS: Readonly<Record<string, (args: Arguments) => boolean>> = {
  'Query.messageSearch': () => true,
  'Query.agentStats': () => true,
  'Mutation.conversationsBulkUpdate': () => true,
  'Mutation.macroRun': () => true,
  'Query.conversations': searchesMessages,
  'Tray.conversations': searchesMessages,
};

export interface Expense {
  /** Selections of expensive fields (each spread of a fragment counted). */
  fields: number;
  /** The operation counts as expensive: an expensive field, or a cost of `costThreshold` or more. */
  expensive: boolean;
}

/**
 * Which of the operation's selections are expensive, as its variables resolve them. Runs after
 * validation, so every field exists; arguments that fail to coerce are left to execution to refuse.
 */
export function expenseOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  cost: number,
  costThreshold: number,
): Expense {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment's count is the same at every spread; walked once, cycles count nothing.
  const counted = new Map<string, number>();
  const open = new Set<string>();

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let count = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const rule = EXPENSIVE_FIELDS[`${parent.name}.${field.name}`];
        if (rule) {
          let args: Arguments = {};
          try {
            args = getArgumentValues(field, selection, variables);
          } catch {
            // Refused at execution with its own error.
          }
          if (rule(args)) count += 1;
        }
        if (selection.selectionSet) count += walk(selection.selectionSet, getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        count += walk(selection.selectionSet, type ?? undefined);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || open.has(name)) continue;
        if (!counted.has(name)) {
          open.add(name);
          counted.set(
            name,
            walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined),
          );
          open.delete(name);
        }
        count += counted.get(name)!;
      }
    }
    return count;
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  const fields = walk(operation.selectionSet, root);
  return { fields, expensive: fields > 0 || cost >= costThreshold };
}
