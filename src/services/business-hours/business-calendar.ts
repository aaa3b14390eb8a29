/**
 * Business hours as a pure calculator: a weekly calendar of opening intervals and holidays in one
 * IANA time zone. Wall times are turned into instants with the zone's offset as `Intl` reports it
 * for that very day, so a day of a DST change has its real length (23 or 25 hours) and 09:00 stays
 * 09:00 local on both sides of the change.
 */

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** One opening of a weekday, in minutes after local midnight: [opens, closes), closes ≤ 1440. */
export interface OpeningInterval {
  day: WeekdayName;
  opens: number;
  closes: number;
}

/** A local date the week does not apply to: closed all day, or open only [opens, closes). */
export interface Holiday {
  /** `YYYY-MM-DD`, local to the calendar's zone. */
  date: string;
  opens: number | null;
  closes: number | null;
}

export interface BusinessCalendarSpec {
  timezone: string;
  week: OpeningInterval[];
  holidays: Holiday[];
}

/** An instant interval [start, end) in epoch milliseconds. */
interface Span {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
/** How far the calculator looks for an opening: a calendar never open in this span is always closed. */
export const SEARCH_DAYS = 5 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's wall clock at `ms`, read as if it were UTC (epoch ms). */
function wallOf(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** Offset of the zone from UTC at `ms` (wall − UTC), in ms. */
function offsetAt(zone: string, ms: number): number {
  const second = Math.floor(ms / 1000) * 1000;
  return wallOf(zone, second) - second;
}

/**
 * The instant of a local wall time (`wall`: the wall clock read as UTC). An ambiguous time (the
 * repeated hour when clocks go back) is its first occurrence; a time that does not exist (the
 * skipped hour when clocks go forward) is read with the offset before the change, i.e. it lands
 * just as far after the gap (02:30 on a spring-forward night is 03:30).
 */
export function instantOfWall(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const candidates = [wall - before, wall - after].filter(
    (candidate) => candidate + offsetAt(zone, candidate) === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** The local calendar date (as UTC midnight ms) of an instant in the zone. */
function localDateOf(zone: string, ms: number): number {
  const wall = wallOf(zone, ms);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function isoDate(dateMs: number): string {
  return new Date(dateMs).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a UTC-midnight date. */
function weekdayOf(dateMs: number): number {
  const day = new Date(dateMs).getUTCDay();
  return day === 0 ? 7 : day;
}

export class BusinessCalendar {
  private readonly byWeekday = new Map<number, [number, number][]>();
  private readonly holidays = new Map<string, [number, number][]>();

  constructor(readonly spec: BusinessCalendarSpec) {
    for (const interval of spec.week) {
      const weekday = WEEKDAYS.indexOf(interval.day) + 1;
      const list = this.byWeekday.get(weekday) ?? [];
      list.push([interval.opens, interval.closes]);
      list.sort((a, b) => a[0] - b[0]);
      this.byWeekday.set(weekday, list);
    }
    for (const holiday of spec.holidays) {
      this.holidays.set(
        holiday.date,
        holiday.opens !== null && holiday.closes !== null ? [[holiday.opens, holiday.closes]] : [],
      );
    }
  }

  /** Openings by local date: a report measures thousands of spans over the same few days. */
  private readonly dateSpans = new Map<number, Span[]>();

  /** The openings of one local date, as instants, in order. */
  private spansOfDate(dateMs: number): Span[] {
    let spans = this.dateSpans.get(dateMs);
    if (!spans) {
      spans = this.computeSpansOfDate(dateMs);
      // Bounded: a long-lived calendar forgets rather than grows without end.
      if (this.dateSpans.size >= 4096) this.dateSpans.clear();
      this.dateSpans.set(dateMs, spans);
    }
    return spans;
  }

  private computeSpansOfDate(dateMs: number): Span[] {
    const minutes = this.holidays.get(isoDate(dateMs)) ?? this.byWeekday.get(weekdayOf(dateMs)) ?? [];
    return minutes.map(([opens, closes]) => ({
      start: instantOfWall(this.spec.timezone, dateMs + opens * 60_000),
      end: instantOfWall(this.spec.timezone, dateMs + closes * 60_000),
    }));
  }

  /**
   * Openings from the local date of `fromMs` on, merged where one ends as the next begins
   * (Monday 00:00–24:00 and Tuesday 00:00–… are one stretch), for at most `days` dates.
   */
  private *spansFrom(fromMs: number, days = SEARCH_DAYS): Generator<Span> {
    // The day before too: an opening of the previous local date may still run.
    let date = localDateOf(this.spec.timezone, fromMs) - DAY_MS;
    let pending: Span | null = null;
    for (let index = 0; index <= days + 1; index += 1, date += DAY_MS) {
      for (const span of this.spansOfDate(date)) {
        if (span.end <= span.start) continue;
        if (pending && span.start <= pending.end) {
          pending = { start: pending.start, end: Math.max(pending.end, span.end) };
          continue;
        }
        if (pending && pending.end > fromMs) yield pending;
        pending = span;
      }
    }
    if (pending && pending.end > fromMs) yield pending;
  }

  isOpenAt(at: Date): boolean {
    const ms = at.getTime();
    for (const span of this.spansFrom(ms, 2)) {
      if (span.start > ms) return false;
      if (span.end > ms) return true;
    }
    return false;
  }

  /** `at` itself when open then, else the next instant it opens; null when it never opens. */
  nextOpeningAt(at: Date): Date | null {
    const ms = at.getTime();
    for (const span of this.spansFrom(ms)) {
      return new Date(Math.max(span.start, ms));
    }
    return null;
  }

  /** When the opening that contains `at` ends (null when closed at `at` or never closing). */
  closingAfter(at: Date): Date | null {
    const ms = at.getTime();
    for (const span of this.spansFrom(ms)) {
      return span.start <= ms ? new Date(span.end) : null;
    }
    return null;
  }

  /** Whole business seconds in [a, b) (0 when b ≤ a). */
  businessSecondsBetween(a: Date, b: Date): number {
    const from = a.getTime();
    const to = b.getTime();
    if (to <= from) return 0;
    const days = Math.ceil((to - from) / DAY_MS) + 2;
    let total = 0;
    for (const span of this.spansFrom(from, days)) {
      if (span.start >= to) break;
      total += Math.min(span.end, to) - Math.max(span.start, from);
    }
    return Math.floor(total / 1000);
  }

  /** The instant after `seconds` business seconds from `at`; null when the calendar runs out first. */
  addBusinessSeconds(at: Date, seconds: number): Date | null {
    const from = at.getTime();
    let left = seconds * 1000;
    if (left <= 0) return new Date(from);
    for (const span of this.spansFrom(from)) {
      const start = Math.max(span.start, from);
      const length = span.end - start;
      if (left <= length) return new Date(start + left);
      left -= length;
    }
    return null;
  }
}

/** A calendar that is always open (no business hours set): plain time. */
export class AlwaysOpen {
  isOpenAt(): boolean {
    return true;
  }
  nextOpeningAt(at: Date): Date {
    return new Date(at);
  }
  closingAfter(): Date | null {
    return null;
  }
  businessSecondsBetween(a: Date, b: Date): number {
    return Math.max(0, Math.floor((b.getTime() - a.getTime()) / 1000));
  }
  addBusinessSeconds(at: Date, seconds: number): Date {
    return new Date(at.getTime() + Math.max(0, seconds) * 1000);
  }
}

export type Calendar = Pick<
  BusinessCalendar,
  'isOpenAt' | 'nextOpeningAt' | 'closingAfter' | 'businessSecondsBetween' | 'addBusinessSeconds'
>;

export const ALWAYS_OPEN: Calendar = new AlwaysOpen();

export function calendarOf(spec: BusinessCalendarSpec | null): Calendar {
  return spec ? new BusinessCalendar(spec) : ALWAYS_OPEN;
}

/** `HH:MM` (00:00–24:00) → minutes after midnight, or null when it is not one. */
export function parseClockTime(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : null;
}

export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A real calendar date `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && isoDate(ms) === text;
}
