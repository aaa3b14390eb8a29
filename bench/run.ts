import 'reflect-metadata';
import { runFanoutBench } from './fanout.bench';
import { runSearchBench } from './search.bench';
import { runWebhookBench } from './webhook.bench';

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
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
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
