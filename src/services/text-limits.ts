import { BusinessRuleError, UserErrorCode } from './errors';

/**
 * Length caps of free text the API takes, in characters, so no field stores a megabyte. Names are
 * 100 like agents' and API keys'; template parts are WhatsApp's own limits.
 */
export const TEXT_LIMITS = {
  name: 100,
  /** Secrets and tokens of a channel (a Graph API access token is a few hundred characters). */
  secret: 4096,
  /** Ids a channel or a partner gives (WABA id, customer and message ids). */
  externalId: 200,
  customerName: 200,
  phone: 32,
  templateHeader: 60,
  templateBody: 1024,
  templateFooter: 60,
  /** A fixed template parameter of a campaign: at most a whole body. */
  templateParameter: 1024,
  search: 200,
} as const;

/** `text` trimmed when it has 1 to `max` characters; INVALID_INPUT naming the limit otherwise. */
export function boundedText(text: string, max: number, what: string, field: string[]): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > max) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `${what} must be 1 to ${max} characters.`,
      field,
    );
  }
  return trimmed;
}

/** Like `boundedText`, for an optional value: null, absent or blank is null. */
export function optionalBoundedText(
  text: string | null | undefined,
  max: number,
  what: string,
  field: string[],
): string | null {
  if (text == null || text.trim() === '') return null;
  return boundedText(text, max, what, field);
}

/** A value quoted back in a refusal, cut short: a refusal never echoes a megabyte. */
export function shown(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
