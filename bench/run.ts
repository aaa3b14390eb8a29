import 'reflect-metadata';
import { runFanoutBench } from './fanout.bench';
import { runSearchBench } from './search.bench';
import { runMediaBench } from './media.bench';
import { runWebhookBench } from './webhook.bench';
import { runScaleBench, type ScaleSize } from './scale.bench';
import { runPartitionsBench } from './partitions.bench';

/** Every benchmark by name; `npm run bench -- webhook` runs one, no argument runs all. */
const BENCHMARKS: Record<string, () => Promise<string>> = {
  fanout: () =>
    runFanoutBench({
      sizes: (process.env.BENCH_FANOUT_SIZES ?? '100,500,1000,2000').split(',').map(Number),
      rate: Number(process.env.BENCH_FANOUT_RATE ?? 20),
      seconds: Number(process.env.BENCH_FANOUT_SECONDS ?? 10),
      clientsPerProcess: Number(process.env.BENCH_FANOUT_CLIENTS_PER_PROCESS ?? 500),
      servers: Number(process.env.BENCH_FANOUT_SERVERS ?? 1),
    }),
  search: () =>
    runSearchBench({
      conversations: Number(process.env.BENCH_SEARCH_CONVERSATIONS ?? 200_000),
      messagesPerConversation: Number(process.env.BENCH_SEARCH_MESSAGES ?? 2),
      noteEvery: Number(process.env.BENCH_SEARCH_NOTE_EVERY ?? 5),
      requests: Number(process.env.BENCH_SEARCH_REQUESTS ?? 20),
    }),
  webhook: () =>
    runWebhookBench({
      rate: Number(process.env.BENCH_WEBHOOK_RATE ?? 320),
      seconds: Number(process.env.BENCH_WEBHOOK_SECONDS ?? 20),
      workersInProcess: process.env.BENCH_WEBHOOK_WORKERS === 'in-process',
    }),
  scale: () => {
    const index = process.argv.indexOf('--size');
    const size = index > 0 ? process.argv[index + 1] : 'small';
    if (size !== 'small' && size !== 'full') throw new Error('--size is small or full');
    return runScaleBench(size as ScaleSize);
  },
  partitions: () =>
    runPartitionsBench({
      rows: Number(process.env.BENCH_PARTITIONS_ROWS ?? 600_000),
      inserts: Number(process.env.BENCH_PARTITIONS_INSERTS ?? 4_000),
      clients: Number(process.env.BENCH_PARTITIONS_CLIENTS ?? 4),
    }),
  media: () =>
    runMediaBench({
      megabytes: Number(process.env.BENCH_MEDIA_MB ?? 50),
      concurrent: Number(process.env.BENCH_MEDIA_CONCURRENT ?? 4),
    }),
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const names = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--size');
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const unknown = selected.filter((name) => !BENCHMARKS[name]);
  if (unknown.length > 0)
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const name of selected) console.log(`${await BENCHMARKS[name]!()}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
