import cors from 'cors';
import { type RequestHandler } from 'express';

/**
 * What a browser page may send: its bearer token, JSON, an idempotency key, a request id to
 * correlate, and the headers Apollo's clients add (CSRF prevention, client awareness).
 */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'X-Request-Id',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
  'Apollographql-Client-Name',
  'Apollographql-Client-Version',
];

/** Response headers a page may read: the id to quote, and when to retry after a 429. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After'];

/**
 * CORS for `/graphql` over the `cors` middleware: allowed origins get their own origin back (never
 * `*`, never credentials — tokens travel in `Authorization`, not cookies), and a preflight is
 * answered here, before Apollo's CSRF check would refuse an OPTIONS as a bad request. A preflight
 * from an origin off the list gets 403 with no `Access-Control-*` header, so the browser stops.
 */
export function corsMiddleware(originAllowed: (origin: string) => boolean): RequestHandler[] {
  return [
    (_request, response, next) => {
      // The answer depends on Origin even when it grants nothing: caches must keep them apart.
      response.vary('Origin');
      next();
    },
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(origin)),
      methods: ['GET', 'POST'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
      optionsSuccessStatus: 204,
    }),
    // `cors` passes on what it does not grant; preflights stop here either way.
    (request, response, next) => {
      if (request.method !== 'OPTIONS') return next();
      if (request.headers.origin === undefined) {
        response.setHeader('Allow', 'GET, POST, OPTIONS');
        response.status(204).end();
        return;
      }
      response.status(403).json({
        errors: [
          {
            message: `Origin ${request.headers.origin} may not call this API; the server's CORS_ORIGINS lists the allowed ones.`,
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
    },
  ];
}
