import {
  ALWAYS_OPEN,
  BusinessCalendar,
  instantOfWall,
  isIsoDate,
  parseClockTime,
  type BusinessCalendarSpec,
  type WeekdayName,
} from './business-calendar';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);
const weekdays: WeekdayName[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

/** New York, Monday–Friday 09:00–17:00, Saturday 10:00–14:00. */
const newYork: BusinessCalendarSpec = {
  timezone: 'America/New_York',
  week: [
    ...weekdays.map((day) => ({ day, opens: 9 * 60, closes: 17 * 60 })),
    { day: 'SATURDAY' as const, opens: 10 * 60, closes: 14 * 60 },
  ],
  holidays: [
    { date: '2026-11-26', opens: null, closes: null }, // Thanksgiving: closed
    { date: '2026-12-24', opens: 9 * 60, closes: 13 * 60 }, // Christmas Eve: a short day
  ],
};

describe('BusinessCalendar', () => {
  const calendar = new BusinessCalendar(newYork);

  it('opens at 09:00 local on both sides of a DST change (EST −5, EDT −4)', () => {
    // Friday 6 March 2026 is EST; Monday 9 March 2026 is EDT (clocks went forward on Sunday 8).
    expect(calendar.nextOpeningAt(at('2026-03-06T13:00:00Z'))).toEqual(at('2026-03-06T14:00:00Z'));
    expect(calendar.nextOpeningAt(at('2026-03-09T12:00:00Z'))).toEqual(at('2026-03-09T13:00:00Z'));
    expect(calendar.isOpenAt(at('2026-03-09T13:30:00Z'))).toBe(true); // 09:30 EDT
    expect(calendar.isOpenAt(at('2026-03-06T13:30:00Z'))).toBe(false); // 08:30 EST
    // Clocks go back on Sunday 1 November 2026: Monday 2 opens at 14:00Z again.
    expect(calendar.nextOpeningAt(at('2026-10-31T19:00:00Z'))).toEqual(at('2026-11-02T14:00:00Z'));
  });

  it('adds business seconds over a weekend with a DST change and counts them back', () => {
    // Friday 6 March 16:00 EST + 3 business hours: 1 h on Friday, 2 h from Saturday 10:00 EST.
    expect(calendar.addBusinessSeconds(at('2026-03-06T21:00:00Z'), 3 * HOUR)).toEqual(
      at('2026-03-07T17:00:00Z'),
    );
    // Friday 16:00 EST + 8 h: 1 + 4 (Saturday) + 3 on Monday, which is EDT: 12:00 EDT = 16:00Z.
    const due = calendar.addBusinessSeconds(at('2026-03-06T21:00:00Z'), 8 * HOUR)!;
    expect(due).toEqual(at('2026-03-09T16:00:00Z'));
    expect(calendar.businessSecondsBetween(at('2026-03-06T21:00:00Z'), due)).toBe(8 * HOUR);
    // The wall-clock span is 67 hours, of which 8 are business time.
    expect((due.getTime() - at('2026-03-06T21:00:00Z').getTime()) / 1000).toBe(67 * HOUR);
  });

  it('a 24-hour calendar day has 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const always: BusinessCalendarSpec = {
      timezone: 'America/New_York',
      week: (['SUNDAY', 'MONDAY'] as const).map((day) => ({ day, opens: 0, closes: 1440 })),
      holidays: [],
    };
    const clock = new BusinessCalendar(always);
    // Sunday 8 March 2026 00:00 EST → Tuesday 00:00 EDT.
    expect(clock.businessSecondsBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(
      23 * HOUR,
    );
    expect(clock.businessSecondsBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(
      25 * HOUR,
    );
    // Sunday and Monday are one stretch: open from Sunday 00:00 to Tuesday 00:00.
    expect(clock.closingAfter(at('2026-03-08T12:00:00Z'))).toEqual(at('2026-03-10T04:00:00Z'));
  });

  it('a holiday closes the day and a partial holiday keeps only its hours', () => {
    // Thanksgiving Thursday 26 November 2026: closed all day; Friday opens at 09:00 EST.
    expect(calendar.isOpenAt(at('2026-11-26T15:00:00Z'))).toBe(false);
    expect(calendar.nextOpeningAt(at('2026-11-25T23:00:00Z'))).toEqual(at('2026-11-27T14:00:00Z'));
    // Wednesday 16:00 + 2 business hours skips the holiday: Friday 10:00 EST.
    expect(calendar.addBusinessSeconds(at('2026-11-25T21:00:00Z'), 2 * HOUR)).toEqual(
      at('2026-11-27T15:00:00Z'),
    );
    // Christmas Eve (Thursday) closes at 13:00 instead of 17:00.
    expect(calendar.isOpenAt(at('2026-12-24T17:30:00Z'))).toBe(true); // 12:30
    expect(calendar.isOpenAt(at('2026-12-24T18:30:00Z'))).toBe(false); // 13:30
    expect(calendar.closingAfter(at('2026-12-24T15:00:00Z'))).toEqual(at('2026-12-24T18:00:00Z'));
    expect(calendar.businessSecondsBetween(at('2026-12-24T00:00:00Z'), at('2026-12-25T00:00:00Z'))).toBe(
      4 * HOUR,
    );
  });

  it('is closed outside the intervals, open at the opening instant and closed at the closing one', () => {
    expect(calendar.isOpenAt(at('2026-03-09T13:00:00Z'))).toBe(true);
    expect(calendar.isOpenAt(at('2026-03-09T21:00:00Z'))).toBe(false);
    expect(calendar.isOpenAt(at('2026-03-09T20:59:59Z'))).toBe(true);
    expect(calendar.isOpenAt(at('2026-03-08T15:00:00Z'))).toBe(false); // Sunday
  });

  it('a calendar with no openings never opens and adds nothing', () => {
    const closed = new BusinessCalendar({ timezone: 'UTC', week: [], holidays: [] });
    expect(closed.isOpenAt(at('2026-03-09T13:00:00Z'))).toBe(false);
    expect(closed.nextOpeningAt(at('2026-03-09T13:00:00Z'))).toBeNull();
    expect(closed.addBusinessSeconds(at('2026-03-09T13:00:00Z'), 60)).toBeNull();
    expect(closed.businessSecondsBetween(at('2026-03-09T13:00:00Z'), at('2026-03-19T13:00:00Z'))).toBe(0);
  });

  it('without business hours time is plain time', () => {
    expect(ALWAYS_OPEN.isOpenAt(at('2026-03-08T07:00:00Z'))).toBe(true);
    expect(ALWAYS_OPEN.addBusinessSeconds(at('2026-03-08T07:00:00Z'), HOUR)).toEqual(
      at('2026-03-08T08:00:00Z'),
    );
  });
});

describe('wall times in a zone', () => {
  const wall = (iso: string) => Date.parse(`${iso}Z`);

  it('the skipped hour lands after the gap and the repeated hour is its first occurrence', () => {
    // 02:30 on 8 March 2026 does not exist in New York: read as 03:30 EDT (07:30Z).
    expect(new Date(instantOfWall('America/New_York', wall('2026-03-08T02:30:00'))).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // 01:30 on 1 November 2026 happens twice: the first one, EDT (05:30Z).
    expect(new Date(instantOfWall('America/New_York', wall('2026-11-01T01:30:00'))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(new Date(instantOfWall('Europe/Madrid', wall('2026-03-29T09:00:00'))).toISOString()).toBe(
      '2026-03-29T07:00:00.000Z',
    );
  });

  it('parses clock times and dates strictly', () => {
    expect(parseClockTime('09:30')).toBe(570);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(['24:01', '9:30', '25:00', '12:60', '', '12:00:00'].map(parseClockTime)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-02-28')).toBe(false);
  });
});
