import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { type Server } from 'node:http';
import { graphError } from '../channels/graph-api.responses';
import { GRAPH_SANDBOX_PATH } from '../demo/demo-channel';
import { type GraphSandbox } from '../demo/graph-sandbox';
import { type Logger } from '../runtime/logger';
import { currentRequestId } from '../runtime/request-scope';

/** The origin to reach a server bound to `address`:`port` from this host; a wildcard bind on 127.0.0.1. */
function originOf(address: string, port: number): string {
  const wildcard = address === '0.0.0.0' || address === '::';
  const host = wildcard ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

/**
 * The origin this server answers on, for requests it makes to itself (the sandbox's status
 * webhooks, the demo channel's sends); null before it listens. With `configured`, the address it
 * is about to listen on counts too, unless its port is 0 (any free port, known only once bound).
 */
export function ownOrigin(server: Server | null, configured?: { host: string; port: number }): string | null {
  const address = server?.address();
  if (address && typeof address === 'object') return originOf(address.address, address.port);
  return configured && configured.port !== 0 ? originOf(configured.host, configured.port) : null;
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
