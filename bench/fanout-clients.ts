import WebSocket from 'ws';

/**
 * A fan-out load generator: `FANOUT_CLIENTS` WebSocket connections speaking graphql-transport-ws
 * (the protocol of graphql-ws), each with one trayChanged subscription, recording when each event
 * (by its cursor) arrived; the parent knows when it committed. Driven by its parent over IPC:
 * `stats` (deliveries since the last `reset`), `reset`, `report` (with `endedBy`), `exit`.
 *
 * The protocol is spoken directly on `ws` rather than through the graphql-ws client: the client's
 * per-message validation and callbacks cost as much CPU as the server's send on this 2-core box, and
 * the load generators share the cores with the server they measure. Every frame is still received
 * and looked at; only `next` frames carrying a cursor count as deliveries, anything else is an error.
 *
 * What ended a subscriber is counted by kind (`endedBy`): a close by the server or the network
 * (`close <code> <reason>`), a graphql-ws `error` message (`error <extensions.code>`), a `complete`,
 * a socket error. Only frames other than deliveries are parsed, so a delivery costs what it did.
 */

/** The servers, space-separated; subscriber `FANOUT_FIRST + index` of the whole run goes to one in turn. */
const urls = process.env.FANOUT_URLS!.split(' ');
const first = Number(process.env.FANOUT_FIRST ?? 0);
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
/** Subscribers by what ended them; one subscriber can count under two kinds (an error, then a close). */
const endedBy: Record<string, number> = {};
const ended = new Uint8Array(count);
/** Set before closing our own connections: those closes are not endings to count. */
let exiting = false;

function end(index: number, why: string): void {
  endedBy[why] = (endedBy[why] ?? 0) + 1;
  ended[index] = 1;
}

/** The distinct `extensions.code`s of a graphql-ws error payload, or its first message without one. */
function errorKind(payload: unknown): string {
  const list = Array.isArray(payload)
    ? (payload as { message?: string; extensions?: { code?: unknown } }[])
    : [];
  const codes = [
    ...new Set(list.map((error) => error.extensions?.code).filter((code) => code !== undefined)),
  ];
  return codes.length > 0 ? codes.join(',') : `(no code) ${String(list[0]?.message ?? '').slice(0, 80)}`;
}

function open(index: number): void {
  const socket = new WebSocket(urls[(first + index) % urls.length]!, 'graphql-transport-ws');
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
    const message = JSON.parse(text) as { type: string; payload?: unknown };
    if (message.type === 'connection_ack') {
      connected += 1;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
    } else if (message.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (message.type !== 'pong') {
      errors += 1;
      if (message.type === 'error') end(index, `error ${errorKind(message.payload)}`);
      else if (message.type === 'complete') end(index, 'complete');
    }
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    errors += 1;
    if (!exiting) end(index, `socket error ${error.code ?? error.message.slice(0, 80)}`);
  });
  socket.on('close', (code, reason) => {
    if (code !== 1000) errors += 1;
    if (!exiting) end(index, `close ${code}${reason.length > 0 ? ` ${reason.toString()}` : ''}`);
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
        process.send!({
          arrivals,
          minReceived: Math.min(...received),
          errors,
          endedBy,
          ended: ended.reduce((sum, flag) => sum + flag, 0),
        });
        break;
      }
      case 'exit':
        exiting = true;
        for (const socket of sockets) socket.close(1000);
        setTimeout(() => process.exit(0), 200);
    }
  });
  process.send!({ started: true });
}

void main();
