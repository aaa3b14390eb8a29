import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { type Server } from 'node:http';
import { graphError } from '../channels/graph-api.responses';
import { GRAPH_SANDBOX_PATH } from '../demo/demo-channel';
import { type GraphSandbox } from '../demo/graph-sandbox';
import { type Logger } from '../runtime/logger';
import { currentRequestId } from '../runtime/request-scope';

/**
 * The loopback origin this server answers on, for requests it makes to itself (the sandbox's
 * status webhooks); null before it listens. A wildcard bind is reached on 127.0.0.1.
 */
export function localOrigin(server: Server): string | null {
  const address = server.address();
  if (!address || typeof address === 'string') return null;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** The Graph API sandbox under `/sandbox/graph`, raw bodies in, Graph-shaped JSON out. */
export function mountGraphSandbox(
  app: Express,
  sandbox: GraphSandbox,
  options: { maxBodyBytes: number; logger: Logger },
): void {
  app.use(
    GRAPH_SANDBOX_PATH,
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    async (request: Request, response: Response) => {
      try {
        const answer = await sandbox.handle({
          method: request.method,
          path: request.path,
          query: new URL(request.originalUrl, 'http://sandbox.invalid').searchParams,
          authorization: request.get('authorization'),
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        });
        response.status(answer.status).json(answer.body);
      } catch (error) {
        options.logger.error('graph sandbox failed', {
          requestId: currentRequestId(),
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        response
          .status(500)
          .json(graphError(2, 'An unexpected error has occurred. Please retry your request later.'));
      }
    },
  );
  app.use(
    GRAPH_SANDBOX_PATH,
    (error: Error & { status?: number }, _request: Request, response: Response, next: NextFunction) => {
      if (error.status === 413)
        return void response.status(413).json(graphError(100, 'Request body too large'));
      next(error);
    },
  );
}
