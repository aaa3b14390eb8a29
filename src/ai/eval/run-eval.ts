import { OfflineAiProvider } from '../offline/offline.provider';
import { evaluate, type Aggregate, type EvalDataset, type EvalReport } from './eval-metrics';
// A JSON import, so the compiled script finds the data next to it without a copy step.
import dataset from './conversations.json';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function line(label: string, a: Aggregate): string {
  return [
    label.padEnd(8),
    String(a.conversations).padStart(5),
    percent(a.keyFactRecall).padStart(16),
    percent(a.suggestionHitRate).padStart(15),
    percent(a.suggestionTop1HitRate).padStart(15),
  ].join('  ');
}

function printText(report: EvalReport, verbose: boolean): void {
  const out: string[] = ['Offline AI assist evaluation', ''];
  out.push(
    ['set'.padEnd(8), 'convs', 'key-fact recall'.padStart(16), 'top-3 hit rate', 'top-1 hit rate'].join('  '),
  );
  out.push(line('all', report.overall));
  for (const [locale, aggregate] of Object.entries(report.byLocale)) out.push(line(locale, aggregate));
  out.push('');
  for (const score of report.conversations) {
    const misses = score.missedFacts.length > 0 ? ` missed: ${score.missedFacts.join(', ')}` : '';
    out.push(`${score.hit ? 'HIT ' : 'MISS'} ${score.factsFound}/${score.factsTotal} ${score.id}${misses}`);
    if (verbose) {
      out.push(`     summary: ${score.summary.summary}`);
      out.push(`     request: ${score.summary.customerRequest}`);
      out.push(`     open: ${JSON.stringify(score.summary.openQuestions)} mood: ${score.summary.mood}`);
      for (const s of score.suggestions) out.push(`     ${s.rank}. [${s.source}] ${s.text}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const report = await evaluate(dataset as EvalDataset, new OfflineAiProvider());
  if (args.has('--json')) {
    const { overall, byLocale, conversations } = report;
    const perConversation = conversations.map((c) => ({
      id: c.id,
      locale: c.locale,
      factsFound: c.factsFound,
      factsTotal: c.factsTotal,
      missedFacts: c.missedFacts,
      hit: c.hit,
      hitTop1: c.hitTop1,
    }));
    process.stdout.write(`${JSON.stringify({ overall, byLocale, conversations: perConversation })}\n`);
  } else {
    printText(report, args.has('--verbose'));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
