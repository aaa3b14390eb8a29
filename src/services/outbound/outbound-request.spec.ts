import { createServer, type Server } from 'node:http';
import { type Socket, type AddressInfo } from 'node:net';
import { POOLED_SOCKET_IDLE_MS, sendOutboundRequest } from './outbound-request';
import { type OutboundUrlPolicy } from './outbound-url-policy';

const loopback: OutboundUrlPolicy = { allowPrivate: true, allowedHosts: null };

/** A server that reports, for each connection, which side closed it. */
async function startServer(keepAliveTimeoutMs: number) {
  const closes: Promise<'client' | 'server'>[] = [];
  const server: Server = createServer((_req, res) => res.end('{}'));
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.on('connection', (socket: Socket) => {
    let clientEnded = false;
    socket.on('end', () => (clientEnded = true));
    closes.push(
      new Promise((resolve) => socket.on('close', () => resolve(clientEnded ? 'client' : 'server'))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    closes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const post = (url: string) =>
  sendOutboundRequest(
    url,
    { method: 'POST', body: '{}', timeoutMs: 10_000, maxResponseBytes: 1000, keepAlive: true },
    loopback,
  );

// A server closes idle keep-alive connections; a request written on one as it does fails with a
// reset the server never read. The client must let idle connections go before the server does.
describe('pooled outbound connections', () => {
  it('are closed by the client before the keep-alive timeout the server announces', async () => {
    const server = await startServer(2_000);
    try {
      const response = await post(server.url);
      expect(response.headers['keep-alive']).toBe('timeout=2');
      expect(server.closes).toHaveLength(1);
      expect(await server.closes[0]).toBe('client');
    } finally {
      await server.close();
    }
  });

  it('are closed by the client when the server announces no keep-alive timeout', async () => {
    // No idle timeout on the server, hence no hint: only the client's own limit closes it. Left
    // open, the connection is still open when the server has waited far longer than that limit.
    const server = await startServer(0);
    try {
      const response = await post(server.url);
      expect(response.headers['keep-alive']).toBeUndefined();
      let wait: NodeJS.Timeout | undefined;
      const stillOpen = new Promise<'open'>((resolve) => {
        wait = setTimeout(() => resolve('open'), 3 * POOLED_SOCKET_IDLE_MS);
      });
      expect(await Promise.race([server.closes[0]!, stillOpen])).toBe('client');
      clearTimeout(wait);
    } finally {
      await server.close();
    }
  });

  it('are reused while busy: a burst of sends shares a few connections', async () => {
    const server = await startServer(5_000);
    try {
      for (let round = 0; round < 3; round += 1) {
        await Promise.all(Array.from({ length: 4 }, () => post(server.url)));
      }
      expect(server.closes.length).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  });
});
