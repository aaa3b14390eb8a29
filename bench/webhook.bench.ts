import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { IsNull, type DataSource } from 'typeorm';
import { Workspace } from '../src/entities/workspace.entity';
import { createDataSource } from '../src/database/data-source';
import { SecretBox } from '../src/auth/secret-box';
import { ChannelAccount } from '../src/entities/channel-account.entity';
import { ChannelKind } from '../src/entities/enums';
import { InboundWebhook } from '../src/entities/inbound-webhook.entity';
import { createWorkspace } from '../src/services/workspace/workspace.service';
import { metaJson, signBody, whatsAppInboundTextWebhook } from '../src/testing/fake-graph-api';
import {
  benchDatabase,
  machine,
  openLoop,
  percentile,
  postSignedWebhook,
  startServer,
} from './bench-support';

export interface WebhookBenchOptions {
  rate: number;
  seconds: number;
  /** Run the processing workers inside the API process (single node) or not (API-only node). */
  workersInProcess: boolean;
}

/**
 * Webhook ingest: signed WhatsApp deliveries at a fixed rate (open loop: each request leaves at
 * its scheduled time, and latency counts from then, so a slow server cannot hide its queue), with
 * the processing workers running in the same server process as in production's single node.
 */
export async function runWebhookBench(
  options: WebhookBenchOptions = { rate: 320, seconds: 20, workersInProcess: false },
): Promise<string> {
  const database = await benchDatabase();
  const appSecret = randomBytes(32).toString('hex');
  const channelSecret = 'bench-app-secret';
  const setup: DataSource = createDataSource(database.url, { poolSize: 2 });
  await setup.initialize();
  const { workspace } = await createWorkspace(setup, {
    name: 'Bench',
    adminEmail: `bench-${Date.now()}@bench.local`,
  });
  await setup.getRepository(Workspace).update({ id: workspace.id }, { botEnabled: false });
  const box = new SecretBox(appSecret);
  const account = await setup.getRepository(ChannelAccount).save(
    setup.getRepository(ChannelAccount).create({
      workspaceId: workspace.id,
      kind: ChannelKind.WHATSAPP,
      name: 'bench',
      externalId: `bench-${Date.now()}`,
      accessTokenEnc: box.seal('token'),
      appSecretEnc: box.seal(channelSecret),
      verifyTokenEnc: box.seal('verify'),
      apiBaseUrl: 'http://127.0.0.1:9',
    }),
  );
  const server = await startServer({
    DATABASE_URL: database.url,
    APP_SECRET: appSecret,
    PORT: '0',
    HOST: '127.0.0.1',
    RUN_JOBS: String(options.workersInProcess),
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const path = `/webhooks/whatsapp/${account.id}`;

  const total = options.rate * options.seconds;
  const bodies = Array.from({ length: total }, (_, index) => {
    const raw = metaJson(
      whatsAppInboundTextWebhook({
        phoneNumberId: account.externalId,
        from: `57300${String(index % 500).padStart(7, '0')}`,
        name: `Cliente ${index % 500}`,
        text: `Hola, ¿dónde está mi pedido ${index}? 📦`,
      }),
    );
    return { raw, signature: signBody(channelSecret, raw) };
  });

  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  await openLoop(
    options.rate,
    async (index, scheduled) => {
      const { raw, signature } = bodies[index]!;
      const { status } = await postSignedWebhook(agent, `${server.url}${path}`, raw, signature);
      if (status === 200) latencies.push(performance.now() - scheduled);
      else failures += 1;
    },
    total,
  ).finished;
  const elapsed = (performance.now() - start) / 1000;

  // Processing keeps going after the last 200: measure until every stored body is processed (an
  // API-only node gets a worker process now, as production runs them beside it).
  const worker = options.workersInProcess
    ? null
    : await startServer({
        DATABASE_URL: database.url,
        APP_SECRET: appSecret,
        PORT: '0',
        HOST: '127.0.0.1',
        RUN_JOBS: 'true',
      });
  const processStart = performance.now();
  let pending = total;
  for (let round = 0; round < 600 && pending > 0; round += 1) {
    pending = await setup.getRepository(InboundWebhook).count({ where: { processedAt: IsNull() } });
    if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const drainSeconds = (performance.now() - processStart) / 1000;
  const messages: { count: string }[] = await setup.query('SELECT count(*) FROM message');
  agent.destroy();
  await server.stop();
  await worker?.stop();
  await setup.destroy();
  await database.drop();

  latencies.sort((a, b) => a - b);
  const lines = [
    `webhook ingest (${options.workersInProcess ? 'workers in the API process' : 'API-only process; workers started after'}) — ${machine()}`,
    `  offered ${options.rate} req/s for ${options.seconds} s: ${total} requests, achieved ${(latencies.length / elapsed).toFixed(0)} req/s, ${failures} failed`,
    `  time to 200: p50 ${percentile(latencies, 50).toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms`,
    `  processing: ${messages[0]!.count} messages stored; backlog drained ${drainSeconds.toFixed(1)} s after the last request (${pending} left)`,
  ];
  return lines.join('\n');
}
