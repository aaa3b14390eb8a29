import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { ApiError, ApiErrorCode } from './errors';

/** Limits on what a request may carry besides its document, over HTTP and WebSocket alike. */
export const INPUT_LIMITS = {
  /** Objects and lists inside objects and lists of the variables; the deepest input type needs 6. */
  maxVariableDepth: 32,
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no text column (nor jsonb) can store: PostgreSQL refuses U+0000 in text and jsonb, and a
 * lone surrogate is no Unicode at all (it would be stored as U+FFFD, or refused inside jsonb).
 */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (it holds a lone surrogate)';
  return null;
}

const pathText = (path: readonly (string | number)[]) =>
  path
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`))
    .join('');

/**
 * Why the variables are refused before anything runs, or null: nested deeper than
 * `maxVariableDepth`, or a string (value or key) that text cannot hold. Walked with an explicit
 * stack, so a body of a million brackets is refused, not a stack overflow.
 */
export function variablesRefusal(variables: Record<string, unknown>): ApiError | null {
  const pending: { value: unknown; path: (string | number)[] }[] = Object.entries(variables).map(
    ([name, value]) => ({ value, path: [name] }),
  );
  const refuse = (path: readonly (string | number)[], problem: string) =>
    new ApiError(ApiErrorCode.BAD_USER_INPUT, `Variable $${pathText(path)} ${problem}.`);
  for (const name of Object.keys(variables)) {
    const problem = textProblem(name);
    if (problem) return new ApiError(ApiErrorCode.BAD_USER_INPUT, `A variable name ${problem}.`);
  }
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return refuse(path, problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    // The path holds the variable's name, then one step per level.
    if (path.length > INPUT_LIMITS.maxVariableDepth) {
      return refuse(path.slice(0, 3), `is nested more than ${INPUT_LIMITS.maxVariableDepth} levels deep`);
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const problem = textProblem(key);
      if (problem) return refuse(path, `has a key that ${problem}`);
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/**
 * A validation rule: a string literal in the document is held to the same rule as a variable (an
 * escaped `\u0000` parses into a NUL). Validation errors answer HTTP 400 as BAD_USER_INPUT.
 */
export function textLiteralRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      const problem = textProblem(node.value);
      if (problem)
        context.reportError(new GraphQLError(`A string in the document ${problem}.`, { nodes: node }));
    },
  };
}
