import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../config';
import { createLogger } from '../runtime/logger';
import { createMetrics } from '../runtime/metrics';
import { createMetricsServer, mountMetrics } from './metrics.routes';

const TOKEN = 'scrape-token-0123456789';
const base = { APP_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/omnitray-metrics-spec' };

/** Who may read /metrics, served by the real handlers on a loopback port. */
describe('/metrics access', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** `/metrics` as the API's port serves it (the app route) or as METRICS_PORT does (its own server). */
  async function serve(env: Record<string, string>, on: 'api' | 'own'): Promise<string> {
    const deps = {
      config: loadConfig({ ...base, ...env }),
      metrics: createMetrics(),
      logger: createLogger('silent'),
    };
    let server: Server;
    if (on === 'api') {
      const app = express();
      mountMetrics(app, deps);
      server = app.listen(0, '127.0.0.1');
    } else {
      server = createMetricsServer(deps).listen(0, '127.0.0.1');
    }
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const scrape = (origin: string, authorization?: string, path = '/metrics') =>
    fetch(`${origin}${path}`, { headers: authorization ? { authorization } : {} });

  it('is open outside production when nothing is configured, as before', async () => {
    const response = await scrape(await serve({}, 'api'));
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/# TYPE omnitray_http_request_duration_seconds histogram/);
  });

  it('is refused (403) in production without a token or a port of its own', async () => {
    const origin = await serve({ NODE_ENV: 'production' }, 'api');
    const response = await scrape(origin);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'Metrics are off: set METRICS_TOKEN or METRICS_PORT to read them.',
    });
    expect((await scrape(origin, `Bearer ${TOKEN}`)).status).toBe(403);
  });

  it.each([
    ['outside production', {}],
    ['in production', { NODE_ENV: 'production' }],
  ])('requires the Bearer token when METRICS_TOKEN is set (%s)', async (_case, env) => {
    const origin = await serve({ ...env, METRICS_TOKEN: TOKEN }, 'api');
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
    ]) {
      const refused = await scrape(origin, authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await refused.text()).not.toMatch(/omnitray_|process_/);
    }
    const allowed = await scrape(origin, `Bearer ${TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await allowed.text()).toMatch(/^process_start_time_seconds \d+$/m);
  });

  it('on its own port serves /metrics only, open unless a token is set, and is not mounted on the API port', async () => {
    const own = await serve({ NODE_ENV: 'production', METRICS_PORT: '0' }, 'own');
    expect((await scrape(own)).status).toBe(200);
    expect((await scrape(own, undefined, '/graphql')).status).toBe(404);
    expect((await scrape(own, undefined, '/metrics/../healthz')).status).toBe(404);
    const api = await serve({ NODE_ENV: 'production', METRICS_PORT: '0' }, 'api');
    expect((await scrape(api)).status).toBe(404);
    const guarded = await serve({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN }, 'own');
    expect((await scrape(guarded)).status).toBe(401);
    expect((await scrape(guarded, `Bearer ${TOKEN}`)).status).toBe(200);
  });
});
