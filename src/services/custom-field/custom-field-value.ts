import { type CustomField } from '../../entities/custom-field.entity';
import { CustomFieldType } from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';

/** What a stored custom field value may be (the `jsonb` column holds one of these). */
export type FieldValue = string | number | boolean;

export const TEXT_MAX_LENGTH = 2000;

/**
 * Customer header fields: they come from the channel, so no key that names one can be set through
 * the API. Both spellings are listed because clients send either.
 */
const HEADER_FIELDS = new Map<string, string>([
  ['name', 'name'],
  ['phone', 'phone'],
  ['channel', 'channel'],
  ['channeluserid', 'channelUserId'],
  ['channel_user_id', 'channelUserId'],
  ['avatarurl', 'avatarUrl'],
  ['avatar_url', 'avatarUrl'],
]);

/** The header field a key names (`name`, `phone`, `channelUserId`…), or null. */
export function headerFieldOf(key: string): string | null {
  return HEADER_FIELDS.get(key.trim().toLowerCase()) ?? null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a day that exists (no 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Checks a value against a field's type and returns what to store, or null to clear the value.
 * Decisions: NUMBER takes JSON numbers only — a numeric string such as "42" is refused, so "1,5"
 * never means 15 in one locale and 1.5 in another; TEXT is trimmed and an empty text clears the
 * value (so a required field cannot be "filled" with blanks); SELECT matches an option exactly.
 */
export function validateFieldValue(field: CustomField, value: unknown, path: string[]): FieldValue | null {
  const normalized = field.type === CustomFieldType.TEXT && typeof value === 'string' ? value.trim() : value;
  if (normalized === null || normalized === undefined || normalized === '') {
    if (field.required) {
      throw new BusinessRuleError(
        UserErrorCode.REQUIRED_FIELD,
        `"${field.label}" (${field.key}) is required: it cannot be cleared.`,
        path,
      );
    }
    return null;
  }
  const refuse = (expected: string): never => {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_FIELD_VALUE,
      `"${field.label}" (${field.key}) expects ${expected}; got ${describe(value)}.`,
      path,
    );
  };
  switch (field.type) {
    case CustomFieldType.TEXT:
      if (typeof normalized !== 'string') return refuse('a text (TEXT)');
      if (normalized.length > TEXT_MAX_LENGTH)
        return refuse(`a text (TEXT) of at most ${TEXT_MAX_LENGTH} characters (got ${normalized.length})`);
      return normalized;
    case CustomFieldType.NUMBER:
      if (typeof normalized !== 'number' || !Number.isFinite(normalized))
        return refuse('a finite JSON number (NUMBER), e.g. 42 or 3.5 — not a quoted string');
      return normalized;
    case CustomFieldType.DATE:
      if (typeof normalized !== 'string' || !isCalendarDate(normalized))
        return refuse('a calendar date as YYYY-MM-DD (DATE), e.g. "2026-03-31"');
      return normalized;
    case CustomFieldType.BOOLEAN:
      if (typeof normalized !== 'boolean') return refuse('true or false (BOOLEAN)');
      return normalized;
    case CustomFieldType.SELECT:
      if (typeof normalized !== 'string' || !field.options.includes(normalized))
        return refuse(`one of ${field.options.map((option) => JSON.stringify(option)).join(', ')} (SELECT)`);
      return normalized;
    default:
      return assertNever(field.type);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown custom field type ${String(value)}`);
}
