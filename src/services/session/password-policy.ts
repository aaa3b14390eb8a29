import { BusinessRuleError, UserErrorCode } from '../errors';

export const PASSWORD_MIN_LENGTH = 10;
/** Long passphrases are welcome; the cap only bounds the work one request can ask of the hasher. */
export const PASSWORD_MAX_LENGTH = 256;

/** Why the password is refused, or null. Length counts characters, not bytes (an emoji is one). */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`;
  const typed = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (typed === address || typed === address.split('@')[0]) {
    return 'The password cannot be your e-mail address or its name part.';
  }
  return null;
}

export function assertPasswordAllowed(password: string, email: string, field: string[]): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new BusinessRuleError(UserErrorCode.PASSWORD_TOO_WEAK, problem, field);
}
