import WebSocket from 'ws';

/**
 * A fan-out load generator: `FANOUT_CLIENTS` WebSocket connections speaking graphql-transport-ws
 * (the protocol of graphql-ws), each with one trayChanged subscription, recording when each event
 * (by its cursor) arrived; the parent knows when it committed. Driven by its parent over IPC:
 * `stats` (deliveries since the last `reset`), `reset`, `report`, `exit`.
 *
 * The protocol is spoken directly on `ws` rather than through the graphql-ws client: the client's
 * per-message validation and callbacks cost as much CPU as the server's send on this 2-core box, and
 * the load generators share the cores with the server they measure. Every frame is still received
 * and looked at; only `next` frames carrying a cursor count as deliveries, anything else is an error.
 */
const url = process.env.FANOUT_URL!;
const token = process.env.FANOUT_TOKEN!;
const count = Number(process.env.FANOUT_CLIENTS);
const QUERY = 'subscription { trayChanged(view: V2) { cursor } }';
const CURSOR = '"cursor":"';

const seqOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':')[2]);

const sockets: WebSocket[] = [];
const received = new Array<number>(count).fill(0);
/** Cursors and arrival times (ms since the epoch) of deliveries; decoded at report time. */
let cursors: string[] = [];
let times: number[] = [];
let connected = 0;
let errors = 0;

function open(index: number): void {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  sockets.push(socket);
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
  );
  socket.on('message', (data: Buffer) => {
    const text = data.toString();
    if (text.startsWith('{"id":"1","type":"next"')) {
      const start = text.indexOf(CURSOR);
      if (start < 0) {
        errors += 1;
        return;
      }
      const from = start + CURSOR.length;
      cursors.push(text.slice(from, text.indexOf('"', from)));
      times.push(Date.now());
      received[index]! += 1;
      return;
    }
    const message = JSON.parse(text) as { type: string };
    if (message.type === 'connection_ack') {
      connected += 1;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
    } else if (message.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (message.type !== 'pong') {
      errors += 1;
    }
  });
  socket.on('error', () => void (errors += 1));
  socket.on('close', (code) => {
    if (code !== 1000) errors += 1;
  });
}

async function main(): Promise<void> {
  // Connect in small batches: a burst of thousands of handshakes at once only measures the backlog.
  for (let index = 0; index < count; index += 1) {
    open(index);
    if (index % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.on('message', (message: string) => {
    switch (message) {
      case 'stats':
        process.send!({
          connected,
          errors,
          minReceived: Math.min(...received),
          received: received.reduce((sum, n) => sum + n, 0),
        });
        break;
      case 'reset':
        cursors = [];
        times = [];
        received.fill(0);
        process.send!({ reset: true });
        break;
      case 'report': {
        /** Pairs of (sequence, arrival time), flat. */
        const arrivals: number[] = [];
        cursors.forEach((cursor, index) => arrivals.push(seqOf(cursor), times[index]!));
        process.send!({ arrivals, minReceived: Math.min(...received), errors });
        break;
      }
      case 'exit':
        for (const socket of sockets) socket.close(1000);
        setTimeout(() => process.exit(0), 200);
    }
  });
  process.send!({ started: true });
}

void main();
