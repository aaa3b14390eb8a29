import { OfflineAiProvider } from '../offline/offline.provider';
import dataset from './conversations.json';
import { carriesFact, evaluate, hitsExpectedReply, type EvalDataset } from './eval-metrics';

describe('AI assist evaluation', () => {
  it('matches facts and keywords ignoring case and accents, with alternatives', () => {
    expect(carriesFact('reclamación|queja', 'Pondrá una RECLAMACION')).toBe(true);
    expect(carriesFact('48213', 'pedido 48 213')).toBe(false);
    expect(hitsExpectedReply(['días hábiles'], [{ text: 'en 5 dias habiles' }])).toBe(true);
  });

  it('runs the offline default over a set of at least 20 conversations in es, en and pt', async () => {
    const report = await evaluate(dataset as EvalDataset, new OfflineAiProvider());
    expect(report.conversations.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(report.byLocale).sort()).toEqual(['en', 'es', 'pt']);
    for (const score of report.conversations) expect(score.suggestions.length).toBeGreaterThan(0);
    expect(report.overall.keyFactRecall).toBeGreaterThan(0);
  });
});
