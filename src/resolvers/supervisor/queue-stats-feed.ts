import { type TrayView } from '../../entities/enums';
import { encodeEventCursor } from '../../realtime/event-log';
import {
  diffQueueStats,
  type QueueStatsDeltaValues,
  type QueueStatsValues,
} from '../../services/supervisor/queue-stats.service';
import { type RecordIterator } from '../realtime/event-subscription';
import { type QueueStatsChange, toQueueStatsChange } from './queue-stats.types';

/**
 * The shortest time between two recounts (and so two pushes) of one `queueStatsChanged`
 * subscription: at most 1000 / 250 = 4 pushes a second, however many events arrive.
 */
export const QUEUE_STATS_WINDOW_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function whole(values: QueueStatsValues): QueueStatsDeltaValues {
  return { ...values, waiting: values.waiting, longestWaitingChanged: true, removedAgentIds: [] };
}

export interface QueueStatsFeedOptions {
  workspaceId: string;
  view: TrayView;
  /** The log position the first reading accounts for (read before it). */
  startSeq: bigint;
  /** Reads the figures now. */
  read(): Promise<QueueStatsValues>;
  toGlobalAgentId(id: string): string;
  windowMs?: number;
  /** How the window's pause is waited (a timer; a spec passes a simulated clock's). */
  pause?: (ms: number) => Promise<void>;
}

/**
 * The figures as deltas: a snapshot at once, then, after each burst of relevant events, one recount
 * and a push of what changed — none when nothing did. Between two recounts there is always a pause
 * of `windowMs` in which the burst gathers, then everything already buffered is taken without
 * waiting, so a burst of any size costs one recount (two statements) per subscriber per window.
 */
export class QueueStatsFeed implements AsyncIterableIterator<QueueStatsChange> {
  private last: QueueStatsValues | null = null;
  private seq: bigint;
  /** Recounts run so far (the snapshot included). */
  recounts = 0;

  constructor(
    private readonly source: RecordIterator,
    private readonly options: QueueStatsFeedOptions,
  ) {
    this.seq = options.startSeq;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private cursor(): string {
    return encodeEventCursor(this.options.workspaceId, this.seq);
  }

  async next(): Promise<IteratorResult<QueueStatsChange, undefined>> {
    const { view, toGlobalAgentId } = this.options;
    if (!this.last) {
      this.last = await this.recount();
      return {
        value: toQueueStatsChange(view, this.cursor(), true, whole(this.last), toGlobalAgentId),
        done: false,
      };
    }
    for (;;) {
      const first = await this.source.next();
      if (first.done) return { value: undefined, done: true };
      this.seq = BigInt(first.value.seq);
      await (this.options.pause ?? sleep)(this.options.windowMs ?? QUEUE_STATS_WINDOW_MS);
      while (this.source.stream.buffered > 0 && !this.source.stream.isClosed) {
        const more = await this.source.next();
        if (more.done) break;
        this.seq = BigInt(more.value.seq);
      }
      if (this.source.stream.isClosed) return { value: undefined, done: true };
      const now = await this.recount();
      const delta = diffQueueStats(this.last, now);
      this.last = now;
      if (delta)
        return { value: toQueueStatsChange(view, this.cursor(), false, delta, toGlobalAgentId), done: false };
    }
  }

  private async recount(): Promise<QueueStatsValues> {
    this.recounts += 1;
    return this.options.read();
  }

  async return(): Promise<IteratorResult<QueueStatsChange, undefined>> {
    await this.source.return();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<QueueStatsChange, undefined>> {
    await this.source.return();
    throw error;
  }
}
