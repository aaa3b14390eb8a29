import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A fan-out load generator: `FANOUT_CLIENTS` graphql-ws connections, each with one trayChanged
 * subscription, recording when each event (by its cursor's sequence) arrived; the parent knows when
 * it committed. Driven by its parent over IPC: `stats`, `reset`, `report`, `exit`.
 */
const url = process.env.FANOUT_URL!;
const token = process.env.FANOUT_TOKEN!;
const count = Number(process.env.FANOUT_CLIENTS);
const QUERY = 'subscription { trayChanged(view: V2) { cursor } }';

const seqOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':')[2]);

const clients: Client[] = [];
const received = new Array<number>(count).fill(0);
/** Pairs of (sequence, arrival time in ms since the epoch), flat. */
let arrivals: number[] = [];
let connected = 0;
let errors = 0;

function open(index: number): void {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    keepAlive: 0,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { connected: () => void (connected += 1) },
    onNonLazyError: () => void (errors += 1),
  });
  clients.push(client);
  client.subscribe<{ trayChanged: { cursor: string } }>(
    { query: QUERY },
    {
      next: (result) => {
        const cursor = result.data?.trayChanged.cursor;
        if (!cursor) {
          errors += 1;
          return;
        }
        arrivals.push(seqOf(cursor), Date.now());
        received[index]! += 1;
      },
      error: () => void (errors += 1),
      complete: () => {},
    },
  );
}

async function main(): Promise<void> {
  // Connect in small batches: a burst of thousands of handshakes at once only measures the backlog.
  for (let index = 0; index < count; index += 1) {
    open(index);
    if (index % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.on('message', async (message: string) => {
    switch (message) {
      case 'stats':
        process.send!({ connected, errors, minReceived: Math.min(...received) });
        break;
      case 'reset':
        arrivals = [];
        received.fill(0);
        process.send!({ reset: true });
        break;
      case 'report':
        process.send!({ arrivals, minReceived: Math.min(...received), errors });
        break;
      case 'exit':
        await Promise.all(clients.map((client) => client.dispose()));
        process.exit(0);
    }
  });
  process.send!({ started: true });
}

void main();
