import pino, { type DestinationStream } from 'pino';
import { currentRequestId } from './request-scope';

/** One JSON line per entry on stderr, so a log shipper can parse it. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Field names whose values never reach a log line, wherever they sit (up to two levels down). */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'verifyToken',
  'appSecret',
  'apiKey',
  'secret',
  'clientSecret',
  'privateKey',
];

const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => {
  const step = /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`;
  const top = step.startsWith('.') ? name : step;
  return [top, `*${step}`, `*.*${step}`];
});

/**
 * pino, configured so lines keep the fields they had before it: `time` in ISO, `level` as its
 * label, `message`; the request id comes from the request scope.
 */
export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  const log = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // Callers pass errors as `error`; an Error keeps its message and stack instead of `{}`.
      serializers: { error: pino.stdSerializers.err },
      redact: REDACT_PATHS,
    },
    destination,
  );
  return {
    debug: (message, fields = {}) => log.debug(fields, message),
    info: (message, fields = {}) => log.info(fields, message),
    warn: (message, fields = {}) => log.warn(fields, message),
    error: (message, fields = {}) => log.error(fields, message),
  };
}
