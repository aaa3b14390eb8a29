import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Weekday } from '../../entities/enums';
import { type BusinessCalendarSpec, formatClockTime } from '../../services/business-hours/business-calendar';

@ObjectType({ description: 'One opening of a weekday, in the business hours time zone.' })
export class BusinessHoursInterval {
  @Field(() => Weekday, { description: 'The day.' })
  day: Weekday;

  @Field({ description: 'Opening time, HH:MM.' })
  opens: string;

  @Field({ description: 'Closing time, HH:MM (24:00: midnight at the end of the day).' })
  closes: string;
}

@ObjectType({ description: 'A date the week does not apply to: closed all day, or open only opens–closes.' })
export class BusinessHoliday {
  @Field({ description: 'The local date, YYYY-MM-DD.' })
  date: string;

  @Field(() => String, { nullable: true, description: 'Opening time that day, HH:MM; null: closed all day.' })
  opens: string | null;

  @Field(() => String, { nullable: true, description: 'Closing time that day, HH:MM; null: closed all day.' })
  closes: string | null;
}

@ObjectType({ description: 'A weekly calendar with holidays, in one IANA time zone (DST-correct).' })
export class BusinessHours {
  @Field({ description: 'IANA time zone the times are in, e.g. America/Bogota.' })
  timezone: string;

  @Field(() => [BusinessHoursInterval], { description: 'Openings by weekday; a day not listed is closed.' })
  week: BusinessHoursInterval[];

  @Field(() => [BusinessHoliday], { description: 'Holidays, by date.' })
  holidays: BusinessHoliday[];
}

export function businessHoursOf(spec: BusinessCalendarSpec | null): BusinessHours | null {
  if (!spec) return null;
  return {
    timezone: spec.timezone,
    week: spec.week.map((entry) => ({
      day: entry.day as Weekday,
      opens: formatClockTime(entry.opens),
      closes: formatClockTime(entry.closes),
    })),
    holidays: spec.holidays.map((holiday) => ({
      date: holiday.date,
      opens: holiday.opens === null ? null : formatClockTime(holiday.opens),
      closes: holiday.closes === null ? null : formatClockTime(holiday.closes),
    })),
  };
}

@InputType({ description: 'One opening of a weekday.' })
export class BusinessHoursIntervalInput {
  @Field(() => Weekday, { description: 'The day.' })
  day: Weekday;

  @Field({ description: 'Opening time, HH:MM (00:00–23:59).' })
  opens: string;

  @Field({
    description: 'Closing time, HH:MM, after the opening (24:00 for midnight); split a night shift at 24:00.',
  })
  closes: string;
}

@InputType({ description: 'A holiday: closed all day (no times), or open only opens–closes that day.' })
export class BusinessHolidayInput {
  @Field({ description: 'The local date, YYYY-MM-DD.' })
  date: string;

  @Field(() => String, { nullable: true, description: 'Opening time that day (with closes).' })
  opens?: string | null;

  @Field(() => String, { nullable: true, description: 'Closing time that day (with opens).' })
  closes?: string | null;
}

@InputType({ description: 'A weekly calendar with holidays.' })
export class BusinessHoursInput {
  @Field(() => String, { nullable: true, description: "IANA time zone; absent: the workspace's timezone." })
  timezone?: string | null;

  @Field(() => [BusinessHoursIntervalInput], {
    description: 'Openings by weekday (at most 6 a day, not overlapping); a day not listed is closed.',
  })
  week: BusinessHoursIntervalInput[];

  @Field(() => [BusinessHolidayInput], { nullable: true, description: 'Holidays (at most 366).' })
  holidays?: BusinessHolidayInput[] | null;
}

@InputType({ description: 'Business hours to set for the workspace or one team.' })
export class BusinessHoursSetInput {
  @Field(() => ID, {
    nullable: true,
    description:
      "A team: its own hours (absent: the workspace's). A team without its own follows the workspace's.",
  })
  teamId?: string | null;

  @Field(() => BusinessHoursInput, {
    nullable: true,
    description:
      "The calendar; null removes it (the workspace is then always open, a team follows the workspace's).",
  })
  businessHours?: BusinessHoursInput | null;
}
