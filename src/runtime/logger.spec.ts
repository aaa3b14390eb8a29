import { Writable } from 'node:stream';
import { createLogger, type LogLevel } from './logger';
import { requestScope } from './request-scope';

function capture(level: LogLevel) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(level, destination);
  const entries = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('logger', () => {
  it('writes one JSON line per entry with time, level label, message and the fields', () => {
    const { logger, lines, entries } = capture('info');
    logger.info('job done', { job: 'tray-timer', handled: 3 });
    logger.warn('slow');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.endsWith('}\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    const [done, slow] = entries();
    expect(done).toEqual({
      time: expect.any(String),
      level: 'info',
      message: 'job done',
      job: 'tray-timer',
      handled: 3,
    });
    expect(new Date(done!.time as string).toISOString()).toBe(done!.time);
    expect(slow).toMatchObject({ level: 'warn', message: 'slow' });
  });

  it('drops entries below its level; silent writes nothing', () => {
    const atWarn = capture('warn');
    atWarn.logger.debug('d');
    atWarn.logger.info('i');
    atWarn.logger.error('e');
    expect(atWarn.entries().map((entry) => entry.level)).toEqual(['error']);

    const silent = capture('silent');
    silent.logger.error('e');
    silent.logger.warn('w');
    expect(silent.lines).toEqual([]);
  });

  it('adds the request id of the request scope', () => {
    const { logger, entries } = capture('debug');
    requestScope.run({ requestId: 'req-42' }, () => logger.debug('inside'));
    logger.debug('outside');
    const [inside, outside] = entries();
    expect(inside).toMatchObject({ message: 'inside', requestId: 'req-42' });
    expect(outside).not.toHaveProperty('requestId');
  });

  it('redacts secrets wherever callers put them', () => {
    const { logger, lines, entries } = capture('info');
    logger.error('webhook refused', {
      authorization: 'Bearer ots_top',
      token: 'ots_token',
      password: 'hunter2-password',
      accessToken: 'EAAG-access',
      appSecret: 'meta-app-secret',
      apiKey: 'omt_partner_key',
      secret: 'whsec_endpoint',
      cookie: 'session=cookie-value',
      headers: { authorization: 'Bearer ots_header', cookie: 'sid=header-cookie', 'set-cookie': 'sid=set' },
      request: { headers: { authorization: 'Bearer ots_nested' } },
      account: { kind: 'whatsapp', accessToken: 'EAAG-nested', verifyToken: 'verify-me' },
      channel: 'whatsapp',
    });
    const [entry] = entries();
    for (const leaked of [
      'ots_top',
      'ots_token',
      'hunter2',
      'EAAG',
      'meta-app-secret',
      'omt_partner_key',
      'whsec_endpoint',
      'cookie-value',
      'ots_header',
      'header-cookie',
      'sid=set',
      'ots_nested',
      'verify-me',
    ]) {
      expect(lines.join('')).not.toContain(leaked);
    }
    expect(entry).toMatchObject({
      message: 'webhook refused',
      authorization: '[Redacted]',
      token: '[Redacted]',
      apiKey: '[Redacted]',
      headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'set-cookie': '[Redacted]' },
      request: { headers: { authorization: '[Redacted]' } },
      account: { kind: 'whatsapp', accessToken: '[Redacted]' },
      channel: 'whatsapp',
    });
  });

  it('keeps the message and stack of an Error passed as `error`', () => {
    const { logger, entries } = capture('info');
    logger.error('unexpected error', { error: new Error('boom') });
    logger.error('failed', { error: 'plain text' });
    const [withError, withText] = entries();
    expect(withError!.error).toMatchObject({
      type: 'Error',
      message: 'boom',
      stack: expect.stringContaining('boom'),
    });
    expect(withText!.error).toBe('plain text');
  });
});
