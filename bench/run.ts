import 'reflect-metadata';
import { runFanoutBench } from './fanout.bench';
import { runSearchBench } from './search.bench';
import { runMediaBench } from './media.bench';
import { runWebhookBench } from './webhook.bench';
import { runScaleBench, type ScaleSize } from './scale.bench';
import { runSoakBench, type SoakWorkers } from './soak.bench';
import { runPartitionsBench } from './partitions.bench';

/** The value after `--name` on the command line, if given. */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

function size(): ScaleSize {
  const value = option('size') ?? 'small';
  if (value !== 'small' && value !== 'full') throw new Error('--size is small or full');
  return value;
}

/** Every benchmark by name; `npm run bench -- webhook` runs one, no argument runs all but the soak. */
function soakWorkers(value: string | undefined): SoakWorkers {
  const workers = value ?? 'in-process';
  if (workers !== 'in-process' && workers !== 'separate' && workers !== 'none') {
    throw new Error(`BENCH_SOAK_WORKERS must be in-process, separate or none, not ${workers}`);
  }
  return workers;
}

const BENCHMARKS: Record<string, () => Promise<string>> = {
  fanout: () =>
    runFanoutBench({
      sizes: (process.env.BENCH_FANOUT_SIZES ?? '100,500,1000,2000').split(',').map(Number),
      rate: Number(process.env.BENCH_FANOUT_RATE ?? 20),
      seconds: Number(process.env.BENCH_FANOUT_SECONDS ?? 10),
      clientsPerProcess: Number(process.env.BENCH_FANOUT_CLIENTS_PER_PROCESS ?? 500),
      servers: Number(process.env.BENCH_FANOUT_SERVERS ?? 1),
      cluster: process.env.BENCH_FANOUT_CLUSTER === '1',
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
  scale: () => runScaleBench(size()),
  soak: () => {
    const minutes = Number(option('minutes') ?? 30);
    return runSoakBench({
      size: size(),
      minutes,
      warmupMinutes: Number(option('warmup') ?? Math.min(5, minutes / 6)),
      baselineSeconds: Number(option('baseline') ?? 120),
      webhookRate: Number(process.env.BENCH_SOAK_WEBHOOK_RATE ?? 100),
      trayPageRate: Number(process.env.BENCH_SOAK_TRAY_RATE ?? 10),
      sendRate: Number(process.env.BENCH_SOAK_SEND_RATE ?? 2),
      subscribers: Number(process.env.BENCH_SOAK_SUBSCRIBERS ?? 1000),
      searchLoops: Number(process.env.BENCH_SOAK_SEARCH_LOOPS ?? 4),
      workers: soakWorkers(process.env.BENCH_SOAK_WORKERS),
      sampleSeconds: 10,
    });
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
  // Every option takes a value: `--size full`, `--minutes 30`.
  const names = args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
  // The soak needs the seeded scale dataset and half an hour: only by name.
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS).filter((name) => name !== 'soak');
  const unknown = selected.filter((name) => !BENCHMARKS[name]);
  if (unknown.length > 0)
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const name of selected) console.log(`${await BENCHMARKS[name]!()}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
