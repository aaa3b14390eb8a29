import WebSocket from 'ws';
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { CORS_ALLOWED_HEADERS } from './cors';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';
const QUERY = { query: '{ viewer { workspace { id } } }' };

function preflight(t: TestAppHandle, origin: string, headers = 'authorization,content-type') {
  return t
    .http()
    .options('/graphql')
    .set('origin', origin)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', headers);
}

const accessControlHeaders = (headers: Record<string, string>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

/**
 * Opens a WebSocket to the API with the given Origin (none when undefined) and reports the
 * upgrade's outcome: 'open', or the HTTP status that refused it.
 */
async function upgrade(t: TestAppHandle, origin?: string, host?: string): Promise<'open' | number> {
  const url = await t.wsUrl();
  const headers: Record<string, string> = host ? { host } : {};
  const socket = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL, { origin, headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

describe('CORS with CORS_ORIGINS', () => {
  const t = useTestApp({ env: { CORS_ORIGINS: `${APP}, http://localhost:*` } });
  const w = useWorkspace(t, { scope: 'suite' });

  it('answers an allowed preflight itself, before the CSRF check: its origin, the headers, no credentials', async () => {
    const response = await preflight(
      t,
      APP,
      'authorization,content-type,idempotency-key,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name,apollographql-client-version',
    );
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(APP);
    expect(response.headers['access-control-allow-methods']).toBe('GET,POST');
    expect(response.headers['access-control-allow-headers']!.split(',')).toEqual(CORS_ALLOWED_HEADERS);
    for (const name of ['Authorization', 'Content-Type', 'Idempotency-Key', 'Apollo-Require-Preflight']) {
      expect(CORS_ALLOWED_HEADERS).toContain(name);
    }
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers.vary).toMatch(/Origin/);
  });

  it('refuses a preflight from an origin off the list with 403 and no Access-Control header', async () => {
    for (const origin of [EVIL, 'http://app.example.com', 'https://app.example.com:8443', 'null']) {
      const response = await preflight(t, origin);
      expect(response.status).toBe(403);
      expect(accessControlHeaders(response.headers)).toEqual([]);
      expect(response.body.errors[0].message).toMatch(/CORS_ORIGINS/);
    }
  });

  it('a port wildcard allows that scheme and host on any port, nothing else', async () => {
    for (const origin of ['http://localhost:5173', 'http://localhost:3000', 'http://localhost']) {
      expect((await preflight(t, origin)).headers['access-control-allow-origin']).toBe(origin);
    }
    for (const origin of [
      'https://localhost:5173',
      'http://localhost.evil.example:5173',
      'http://127.0.0.1:5173',
    ]) {
      expect((await preflight(t, origin)).status).toBe(403);
    }
  });

  it('labels the actual response for an allowed origin, exposing the request id; a refused origin gets no label', async () => {
    const allowed = await t
      .http()
      .post('/graphql')
      .set('origin', APP)
      .set('authorization', `Bearer ${w.admin.token}`)
      .send(QUERY);
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.viewer.workspace.id).toBeTruthy();
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['access-control-expose-headers']).toBe('X-Request-Id,Retry-After');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

    // The browser withholds this answer from the page: nothing says it may read it.
    const refused = await t
      .http()
      .post('/graphql')
      .set('origin', EVIL)
      .set('authorization', `Bearer ${w.admin.token}`)
      .send(QUERY);
    expect(accessControlHeaders(refused.headers)).toEqual([]);
    expect(refused.headers.vary).toMatch(/Origin/);
  });

  it('leaves requests without Origin (servers, apps, curl) as they were, preflight included', async () => {
    const plain = await t.http().post('/graphql').set('authorization', `Bearer ${w.admin.token}`).send(QUERY);
    expect(plain.status).toBe(200);
    expect(accessControlHeaders(plain.headers)).toEqual([]);
    expect((await t.http().options('/graphql')).status).toBe(204);
  });

  it('checks the WebSocket Origin against the same list at the upgrade: 403 for one off the list', async () => {
    expect(await upgrade(t, APP)).toBe('open');
    expect(await upgrade(t, 'http://localhost:5173')).toBe('open');
    expect(await upgrade(t)).toBe('open');
    expect(await upgrade(t, EVIL)).toBe(403);
    expect(await upgrade(t, 'null')).toBe(403);
    // This server's own pages (the explorer) name the host they were served from.
    const host = new URL(await t.wsUrl()).host;
    expect(await upgrade(t, `http://${host}`, host)).toBe('open');
    expect(await upgrade(t, `http://${host}`, 'other.example')).toBe(403);
  });
});

describe('CORS defaults', () => {
  describe('in production: no origin unless listed', () => {
    const t = useTestApp({ env: { NODE_ENV: 'production' } });

    it('refuses localhost pages too, over HTTP and WebSocket', async () => {
      expect((await preflight(t, 'http://localhost:5173')).status).toBe(403);
      expect(await upgrade(t, 'http://localhost:5173')).toBe(403);
      expect(await upgrade(t)).toBe('open');
    });
  });

  describe('in development: pages of this machine on any port', () => {
    const t = useTestApp({ env: { NODE_ENV: 'development', GRAPH_SANDBOX: 'false' } });

    it('allows http://localhost:* and http://127.0.0.1:*, nothing else', async () => {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
        expect((await preflight(t, origin)).headers['access-control-allow-origin']).toBe(origin);
        expect(await upgrade(t, origin)).toBe('open');
      }
      expect((await preflight(t, 'https://app.example.com')).status).toBe(403);
      expect(await upgrade(t, 'https://app.example.com')).toBe(403);
    });
  });
});
