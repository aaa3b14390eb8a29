import { BusinessRuleError, UserErrorCode } from '../errors';
import { FIELD_KEY_PATTERN } from '../custom-field/custom-field.service';

/** `{{ name }}` in a canned response or a macro's text; spaces inside the braces are allowed. */
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

const FIXED = new Set(['customer.name', 'agent.name', 'conversation.id']);
const FIELD_PREFIX = 'customer.fields.';

/** Whether `name` is a variable the server knows how to fill. */
export function isKnownVariable(name: string): boolean {
  if (FIXED.has(name)) return true;
  return name.startsWith(FIELD_PREFIX) && FIELD_KEY_PATTERN.test(name.slice(FIELD_PREFIX.length));
}

/** The variables a text uses, in order of first use. */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1]!))];
}

/**
 * Refuses a text with a variable the server cannot fill (a typo would otherwise reach the
 * customer as braces), naming each one.
 */
export function assertKnownVariables(text: string, field: string[]): void {
  const unknown = variablesOf(text).filter((name) => !isKnownVariable(name));
  if (unknown.length > 0) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `{{${name}}}`).join(', ')}: use {{customer.name}}, {{customer.fields.<key>}}, {{agent.name}} or {{conversation.id}}.`,
      field,
    );
  }
}

/** What the variables of one rendering stand for; a missing or empty value cannot be filled. */
export interface VariableValues {
  customerName: string | null;
  /** Custom field values of the customer by key, as text. */
  fields: ReadonlyMap<string, string>;
  agentName: string | null;
  conversationId: string;
}

function valueOf(name: string, values: VariableValues): string | null {
  if (name === 'customer.name') return values.customerName;
  if (name === 'agent.name') return values.agentName;
  if (name === 'conversation.id') return values.conversationId;
  if (name.startsWith(FIELD_PREFIX)) return values.fields.get(name.slice(FIELD_PREFIX.length)) ?? null;
  return null;
}

/**
 * Fills every variable of `text`. One that cannot be filled (no value, or not a known variable)
 * is a MISSING_VARIABLE refusal naming all of them: nothing with braces is ever sent.
 */
export function renderVariables(text: string, values: VariableValues): string {
  const missing = variablesOf(text).filter((name) => {
    const value = valueOf(name, values);
    return value === null || value.trim() === '';
  });
  if (missing.length > 0) {
    throw new BusinessRuleError(
      UserErrorCode.MISSING_VARIABLE,
      `Cannot fill ${missing.map((name) => `{{${name}}}`).join(', ')}: set the value (or edit the text) first.`,
      ['variables', ...missing],
    );
  }
  return text.replace(VARIABLE, (_match, name: string) => valueOf(name, values)!);
}
