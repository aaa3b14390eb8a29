import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Express } from 'express';
import { type AppDeps } from '../runtime/app-deps';

type MetricsDeps = Pick<AppDeps, 'config' | 'metrics' | 'logger'>;

/** Whether the Authorization header carries the metrics token; compared in constant time. */
function holdsToken(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function answer(
  response: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify({ error }));
}

/**
 * The Prometheus exposition, to whom the configuration lets read it (`config.metrics.access`):
 * 401 without the token when one is set, 403 in production when neither a token nor a port of its
 * own was configured.
 */
export async function serveMetrics(
  deps: MetricsDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { access, token } = deps.config.metrics;
  if (access === 'refused') {
    return answer(response, 403, 'Metrics are off: set METRICS_TOKEN or METRICS_PORT to read them.');
  }
  if (access === 'token' && !holdsToken(request.headers.authorization, token!)) {
    return answer(response, 401, 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.', {
      'www-authenticate': 'Bearer realm="metrics"',
    });
  }
  const { registry } = deps.metrics;
  const body = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** `/metrics` on the API's own port, unless it has a port of its own (then PORT answers 404). */
export function mountMetrics(app: Express, deps: MetricsDeps): void {
  if (deps.config.metrics.port !== null) return;
  app.get('/metrics', (request, response, next) => {
    serveMetrics(deps, request, response).catch(next);
  });
}

/** The server of `METRICS_PORT`: `/metrics` and nothing else. */
export function createMetricsServer(deps: MetricsDeps): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://metrics.invalid').pathname;
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return answer(response, 404, 'Only GET /metrics is served here.');
    }
    serveMetrics(deps, request, response).catch((error: unknown) => {
      deps.logger.error('metrics scrape failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!response.headersSent) answer(response, 500, 'Metrics could not be collected.');
      else response.destroy();
    });
  });
}
