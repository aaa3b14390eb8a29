import { mapGraphError, mapGraphErrorResponse, mapNetworkError } from './meta-errors';

describe('Graph API error mapping', () => {
  it.each([
    [131047, 'WINDOW_CLOSED', false],
    [130429, 'RATE_LIMITED', true],
    [131056, 'RATE_LIMITED', true],
    [4, 'RATE_LIMITED', true],
    [80007, 'RATE_LIMITED', true],
    [613, 'RATE_LIMITED', true],
    [1, 'TRANSIENT', true],
    [2, 'TRANSIENT', true],
    [131000, 'TRANSIENT', true],
    [131016, 'TRANSIENT', true],
    [133004, 'TRANSIENT', true],
    [1200, 'TRANSIENT', true],
    [131026, 'UNDELIVERABLE', false],
    [551, 'UNDELIVERABLE', false],
    [131051, 'UNSUPPORTED_MESSAGE', false],
    [131053, 'MEDIA_FAILED', false],
    [132000, 'TEMPLATE_PARAMETERS_INVALID', false],
    [132012, 'TEMPLATE_PARAMETERS_INVALID', false],
    [132001, 'TEMPLATE_NOT_APPROVED', false],
    [132015, 'TEMPLATE_PAUSED', false],
    [132016, 'TEMPLATE_DISABLED', false],
    [131048, 'SPAM_LIMITED', false],
    [131049, 'HELD_FOR_ENGAGEMENT', false],
    [131050, 'MARKETING_OPT_OUT', false],
    [190, 'ACCOUNT_RESTRICTED', false],
    [0, 'ACCOUNT_RESTRICTED', false],
    [3, 'ACCOUNT_RESTRICTED', false],
    [10, 'ACCOUNT_RESTRICTED', false],
    [200, 'ACCOUNT_RESTRICTED', false],
    [230, 'ACCOUNT_RESTRICTED', false],
    [299, 'ACCOUNT_RESTRICTED', false],
    [368, 'ACCOUNT_RESTRICTED', false],
    [100, 'PROVIDER_ERROR', false],
    [135000, 'PROVIDER_ERROR', false],
  ])('code %i → %s (retryable %s)', (code, expected, retryable) => {
    const { error, retryAfterMs } = mapGraphError({ code, message: `(#${code}) x` });
    expect(error).toMatchObject({ code: expected, providerCode: String(code), retryable });
    expect(retryAfterMs !== undefined).toBe(expected === 'RATE_LIMITED');
  });

  it('decides on the code, not the HTTP status', () => {
    expect(mapGraphErrorResponse(500, { error: { code: 131047 } }).error.code).toBe('WINDOW_CLOSED');
    expect(mapGraphErrorResponse(400, { error: { code: 131000 } }).error.code).toBe('TRANSIENT');
  });

  it('uses the subcode for Messenger and Instagram', () => {
    expect(mapGraphError({ code: 10, error_subcode: 2018278 }).error).toMatchObject({
      code: 'WINDOW_CLOSED',
      providerCode: '10/2018278',
    });
    expect(mapGraphError({ code: 10, error_subcode: 2018108 }).error.code).toBe('UNDELIVERABLE');
    expect(mapGraphError({ code: 100, error_subcode: 2018001 }).error.code).toBe('UNDELIVERABLE');
  });

  it('tells the agent to send a template on 131047, keeping the provider detail', () => {
    const { error } = mapGraphError({
      code: 131047,
      error_data: { details: 'Message failed to send because more than 24 hours have passed.' },
    });
    expect(error.detail).toMatch(
      /^Message failed to send because more than 24 hours have passed\. .*`templateSend`/,
    );
  });

  it('falls back on the HTTP status only when there is no known code', () => {
    expect(mapGraphErrorResponse(429, 'Too Many Requests', '7')).toMatchObject({
      error: { code: 'RATE_LIMITED', retryable: true },
      retryAfterMs: 7000,
    });
    expect(mapGraphErrorResponse(503, undefined).error).toMatchObject({ code: 'TRANSIENT', retryable: true });
    expect(mapGraphErrorResponse(502, { error: { code: 99999 } }).error.code).toBe('TRANSIENT');
    expect(mapGraphErrorResponse(400, { error: { code: 99999, message: 'odd' } }).error).toMatchObject({
      code: 'PROVIDER_ERROR',
      detail: 'odd',
      retryable: false,
    });
  });

  it('uses Retry-After over the default wait for rate limits', () => {
    expect(mapGraphErrorResponse(400, { error: { code: 130429 } }, '30').retryAfterMs).toBe(30_000);
    expect(mapGraphErrorResponse(400, { error: { code: 130429 } }).retryAfterMs).toBe(1_000);
  });

  it('makes network failures and timeouts retryable', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(mapNetworkError(timeout).error).toMatchObject({
      code: 'TRANSIENT',
      title: 'The provider did not answer in time',
      retryable: true,
    });
    expect(mapNetworkError(new TypeError('fetch failed')).error).toMatchObject({
      code: 'TRANSIENT',
      retryable: true,
    });
  });
});
