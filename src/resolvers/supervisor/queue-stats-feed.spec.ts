import { AgentStatus, TrayKind, TrayView } from '../../entities/enums';
import { type QueueStatsValues } from '../../services/supervisor/queue-stats.service';
import { type RecordIterator } from '../realtime/event-subscription';
import { QUEUE_STATS_WINDOW_MS, QueueStatsFeed } from './queue-stats-feed';

/**
 * 200 events a second for 3 simulated seconds, on a simulated clock: the feed's pause advances it,
 * and an idle feed waiting for the next event jumps to that event. Counts only, no timers.
 */
function simulation(eventsPerSecond: number, seconds: number) {
  const total = eventsPerSecond * seconds;
  const arrivalMs = (index: number) => (index * 1000) / eventsPerSecond;
  let now = 0;
  let arrived = 0;
  let consumed = 0;
  const queue: number[] = [];
  const arriveUntil = (ms: number) => {
    while (arrived < total && arrivalMs(arrived) <= ms) queue.push(arrived++);
  };
  const stream = {
    get buffered() {
      return queue.length;
    },
    isClosed: false,
  };
  const source = {
    stream,
    next: () => {
      if (queue.length === 0) {
        if (arrived === total) return Promise.resolve({ value: undefined, done: true as const });
        now = Math.max(now, arrivalMs(arrived));
        arriveUntil(now);
      }
      const index = queue.shift()!;
      consumed += 1;
      return Promise.resolve({ value: { seq: String(index + 1) }, done: false as const });
    },
    return: () => Promise.resolve({ value: undefined, done: true as const }),
  } as unknown as RecordIterator;
  const recountsAt: number[] = [];
  const feed = new QueueStatsFeed(source, {
    workspaceId: 'w',
    view: TrayView.V2,
    startSeq: 0n,
    toGlobalAgentId: (id) => id,
    // Each recount reads what the events so far did: the queue grew by one per event.
    read: (): Promise<QueueStatsValues> => {
      recountsAt.push(now);
      return Promise.resolve({
        waiting: consumed,
        longestWaitingSince: null,
        byTray: [{ kind: TrayKind.ACTIVE, count: 0 }],
        agentsByStatus: [{ status: AgentStatus.ONLINE, count: 0 }],
        openByAgent: [],
      });
    },
    pause: (ms) => {
      now += ms;
      arriveUntil(now);
      return Promise.resolve();
    },
  });
  return { feed, total, recountsAt, now: () => now };
}

describe('QueueStatsFeed coalescing', () => {
  it('200 events a second for 3 s: one recount and push per 250 ms window, none more', async () => {
    const { feed, total, recountsAt, now } = simulation(200, 3);
    const pushes: number[] = [];
    for (;;) {
      const result = await feed.next();
      if (result.done) break;
      pushes.push(result.value.waiting ?? -1);
    }
    // The snapshot, then one push per window: windows open at 0, 255, 510 … (an event every 5 ms;
    // the first after a window arrives 5 ms after it closed), the last at 11 × 255 = 2805 ms.
    expect(pushes[0]).toBe(0);
    expect(pushes.length - 1).toBe(12);
    expect(pushes.at(-1)).toBe(total);
    expect(feed.recounts).toBe(13);
    // Never two recounts within one window: at most 1000 / 250 = 4 pushes a second.
    const gaps = recountsAt.slice(2).map((at, index) => at - recountsAt[index + 1]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(QUEUE_STATS_WINDOW_MS);
    for (let second = 0; second * 1000 < now(); second += 1) {
      const inSecond = recountsAt.slice(1).filter((at) => at >= second * 1000 && at < (second + 1) * 1000);
      expect(inSecond.length).toBeLessThanOrEqual(1000 / QUEUE_STATS_WINDOW_MS);
    }
    // 600 events cost 12 recounts: 50 events per recount.
    expect(total / (feed.recounts - 1)).toBe(50);
  });

  it('however fast the events come, the recounts follow the windows, not the events', async () => {
    for (const rate of [200, 2000, 20_000]) {
      const { feed, total } = simulation(rate, 1);
      let last = -1;
      for (;;) {
        const result = await feed.next();
        if (result.done) break;
        last = result.value.waiting ?? -1;
      }
      expect(last).toBe(total);
      expect(feed.recounts - 1).toBeLessThanOrEqual(1000 / QUEUE_STATS_WINDOW_MS);
    }
  });
});
