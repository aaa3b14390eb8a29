import { BusinessRuleError, UserErrorCode } from '../errors';
import { assertPasswordAllowed, passwordProblem } from './password-policy';

describe('password policy', () => {
  const email = 'Ana.Lopez@example.com';

  it.each([
    ['123456789', /at least 10 characters/],
    ['x'.repeat(257), /at most 256 characters/],
    ['ana.lopez@example.com', /e-mail/],
    [' ANA.LOPEZ@EXAMPLE.COM ', /e-mail/],
  ])('refuses %j', (password, message) => {
    expect(passwordProblem(password, email)).toMatch(message);
  });

  it.each(['correct horse', 'ñandú-ñandú', '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', 'x'.repeat(256)])(
    'accepts %j',
    (password) => {
      expect(passwordProblem(password, email)).toBeNull();
    },
  );

  it('the name part of the e-mail is refused when long enough to pass the length rule', () => {
    expect(passwordProblem('ana.lopez.works', 'ana.lopez.works@example.com')).toMatch(/e-mail/);
  });

  it('throws PASSWORD_TOO_WEAK on the given field', () => {
    let thrown: unknown;
    try {
      assertPasswordAllowed('short', email, ['input', 'password']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BusinessRuleError);
    expect(thrown).toMatchObject({ code: UserErrorCode.PASSWORD_TOO_WEAK, field: ['input', 'password'] });
  });
});
