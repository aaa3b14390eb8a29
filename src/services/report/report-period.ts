import { instantOfWall } from '../business-hours/business-calendar';
import { AccessError, AccessErrorCode } from '../errors';

/** A report's period: local calendar days of the workspace, `from` and `to` both included. */
export interface ReportPeriod {
  /** Local midnight starting `from`. */
  start: Date;
  /** Local midnight after `to`: the period is [start, end). */
  end: Date;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A year of days is the longest period one report covers. */
export const MAX_PERIOD_DAYS = 366;

/**
 * The instant local midnight of a day begins in `zone` (where a change of clocks skips midnight,
 * the day begins at the first local time that exists).
 */
export function localMidnight(zone: string, year: number, month: number, day: number): Date {
  return new Date(instantOfWall(zone, Date.UTC(year, month - 1, day)));
}

function parseDay(value: string, field: string): [number, number, number] {
  const match = DAY.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new AccessError(
      AccessErrorCode.INVALID_INPUT,
      `${field} must be a calendar day as YYYY-MM-DD, e.g. 2026-03-08.`,
      field,
    );
  }
  return [year, month, day];
}

/** The period of local days `from`..`to` (inclusive) in the workspace's time zone. */
export function reportPeriod(zone: string, from: string, to: string): ReportPeriod {
  const [fy, fm, fd] = parseDay(from, 'from');
  const [ty, tm, td] = parseDay(to, 'to');
  const days = (Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000 + 1;
  if (days < 1)
    throw new AccessError(AccessErrorCode.INVALID_INPUT, '`to` must be on or after `from`.', 'to');
  if (days > MAX_PERIOD_DAYS) {
    throw new AccessError(
      AccessErrorCode.INVALID_INPUT,
      `A report covers at most ${MAX_PERIOD_DAYS} days.`,
      'to',
    );
  }
  return { start: localMidnight(zone, fy, fm, fd), end: localMidnight(zone, ty, tm, td + 1) };
}
