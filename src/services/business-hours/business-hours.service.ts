import { type EntityManager, IsNull, Not } from 'typeorm';
import { AuditAction } from '../../entities/audit-entry.entity';
import { Team } from '../../entities/team.entity';
import { Workspace } from '../../entities/workspace.entity';
import { recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { ownedRow } from '../owned-row';
import { isTimeZone } from '../settings/settings.service';
import { shown } from '../text-limits';
import { inTransaction } from '../unit-of-work';
import {
  type BusinessCalendarSpec,
  type Calendar,
  calendarOf,
  formatClockTime,
  type Holiday,
  isIsoDate,
  type OpeningInterval,
  parseClockTime,
  WEEKDAYS,
  type WeekdayName,
} from './business-calendar';

export const HOLIDAYS_MAX = 366;
export const INTERVALS_PER_DAY_MAX = 6;

/** Business hours as a caller writes them: times `HH:MM`, dates `YYYY-MM-DD`. */
export interface BusinessHoursValues {
  /** IANA zone; absent: the workspace's `timezone`. */
  timezone?: string | null;
  week: { day: WeekdayName; opens: string; closes: string }[];
  holidays?: { date: string; opens?: string | null; closes?: string | null }[] | null;
}

function invalid(message: string, field: (string | number)[]): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, field.map(String));
}

function clockTime(text: string, field: (string | number)[]): number {
  const minutes = parseClockTime(text);
  if (minutes === null) {
    throw invalid(`"${shown(text)}" is not a time of day: write HH:MM from 00:00 to 24:00.`, field);
  }
  return minutes;
}

function interval(
  opens: string,
  closes: string,
  field: (string | number)[],
): { opens: number; closes: number } {
  const start = clockTime(opens, [...field, 'opens']);
  const end = clockTime(closes, [...field, 'closes']);
  if (end <= start) {
    throw invalid(
      `Closing (${closes}) must come after opening (${opens}) on the same day; split a night shift at 24:00.`,
      [...field, 'closes'],
    );
  }
  return { opens: start, closes: end };
}

/**
 * Checks what a caller wrote and returns the calendar to store: every time a real `HH:MM`, every
 * interval closing after it opens, no two intervals of a day overlapping, every holiday a real date
 * listed once (partial: both times or neither). Errors name the input path.
 */
export function checkBusinessHours(
  values: BusinessHoursValues,
  defaultZone: string,
  path: string[],
): BusinessCalendarSpec {
  let timezone = defaultZone;
  if (values.timezone != null) {
    const zone = values.timezone.trim();
    if (!isTimeZone(zone)) {
      throw invalid(`"${shown(values.timezone)}" is not an IANA time zone, e.g. America/Bogota or UTC.`, [
        ...path,
        'timezone',
      ]);
    }
    timezone = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  }
  const week: OpeningInterval[] = values.week.map((entry, index) => ({
    day: entry.day,
    ...interval(entry.opens, entry.closes, [...path, 'week', index]),
  }));
  for (const day of WEEKDAYS) {
    const ofDay = week
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.day === day)
      .sort((a, b) => a.entry.opens - b.entry.opens);
    if (ofDay.length > INTERVALS_PER_DAY_MAX) {
      throw invalid(`At most ${INTERVALS_PER_DAY_MAX} intervals per day.`, [...path, 'week']);
    }
    for (let i = 1; i < ofDay.length; i += 1) {
      const previous = ofDay[i - 1]!.entry;
      const current = ofDay[i]!;
      if (current.entry.opens < previous.closes) {
        throw invalid(
          `${day} ${formatClockTime(current.entry.opens)}–${formatClockTime(current.entry.closes)} overlaps ${formatClockTime(previous.opens)}–${formatClockTime(previous.closes)}.`,
          [...path, 'week', current.index],
        );
      }
    }
  }
  const holidayInput = values.holidays ?? [];
  if (holidayInput.length > HOLIDAYS_MAX) {
    throw invalid(`At most ${HOLIDAYS_MAX} holidays.`, [...path, 'holidays']);
  }
  const seen = new Set<string>();
  const holidays: Holiday[] = holidayInput.map((entry, index) => {
    const field = [...path, 'holidays', index];
    if (!isIsoDate(entry.date)) {
      throw invalid(`"${shown(entry.date)}" is not a date: write YYYY-MM-DD.`, [...field, 'date']);
    }
    if (seen.has(entry.date)) throw invalid(`${entry.date} is listed twice.`, [...field, 'date']);
    seen.add(entry.date);
    const hasOpens = entry.opens != null;
    if (hasOpens !== (entry.closes != null)) {
      throw invalid('A partial holiday gives both opens and closes (neither: closed all day).', [
        ...field,
        hasOpens ? 'closes' : 'opens',
      ]);
    }
    if (!hasOpens) return { date: entry.date, opens: null, closes: null };
    return { date: entry.date, ...interval(entry.opens!, entry.closes!, field) };
  });
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  return { timezone, week, holidays };
}

/**
 * Sets (or with null removes) the business hours of the workspace, or of one team when `teamId`
 * is given: a team without its own follows the workspace's, a workspace without any is always open.
 */
export async function setBusinessHours(
  caller: Caller,
  input: { teamId: string | null; businessHours: BusinessHoursValues | null },
): Promise<{ workspace: Workspace; team: Team | null }> {
  const workspaceId = caller.viewer.workspaceId;
  const team = input.teamId ? await ownedRow(caller, Team, input.teamId) : null;
  const spec = input.businessHours
    ? checkBusinessHours(input.businessHours, caller.viewer.workspace.timezone, ['input', 'businessHours'])
    : null;
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    let before: BusinessCalendarSpec | null;
    if (team) {
      before = team.businessHours;
      await uow.manager.update(Team, { id: team.id, workspaceId }, { businessHours: spec as never });
      team.businessHours = spec;
    } else {
      before = caller.viewer.workspace.businessHours ?? null;
      await uow.manager.update(Workspace, { id: workspaceId }, { businessHours: spec as never });
      caller.viewer.workspace.businessHours = spec;
    }
    await recordAudit(uow, caller, {
      action: AuditAction.BUSINESS_HOURS_SET,
      targetType: team ? 'Team' : 'Workspace',
      targetId: team ? team.id : workspaceId,
      changes: { businessHours: { before, after: spec } },
    });
    const workspace = await uow.manager.findOneByOrFail(Workspace, { id: workspaceId });
    return { workspace, team };
  });
}

/** The calendar that rules a conversation of `teamId`: the team's own, else the workspace's. */
export async function calendarFor(
  manager: EntityManager,
  workspace: Pick<Workspace, 'id' | 'businessHours'>,
  teamId: string | null,
): Promise<Calendar> {
  if (teamId) {
    const team = await manager.findOne(Team, {
      where: { id: teamId, workspaceId: workspace.id },
      select: { id: true, businessHours: true },
    });
    if (team?.businessHours) return calendarOf(team.businessHours);
  }
  return calendarOf(workspace.businessHours);
}

/** The calendar of each team of a workspace: its own hours, else the workspace's. */
export type CalendarsByTeam = (teamId: string | null) => Calendar;

/**
 * Every calendar of a workspace in two statements, for figures over many conversations (reports):
 * each conversation is measured in the hours of its team, as its SLA clocks are.
 */
export async function calendarsOfWorkspace(
  manager: EntityManager,
  workspaceId: string,
): Promise<CalendarsByTeam> {
  const workspace = await manager.findOneOrFail(Workspace, {
    where: { id: workspaceId },
    select: { id: true, businessHours: true },
  });
  const teams = await manager.find(Team, {
    where: { workspaceId, businessHours: Not(IsNull()) },
    select: { id: true, businessHours: true },
  });
  const base = calendarOf(workspace.businessHours);
  const own = new Map(teams.map((team) => [team.id, calendarOf(team.businessHours)]));
  return (teamId) => (teamId ? own.get(teamId) : undefined) ?? base;
}

/**
 * Whether the workspace (or the team, by its own hours or the workspace's) is open at `at`: the
 * question auto-assignment asks before it assigns.
 */
export async function isOpenAt(
  manager: EntityManager,
  workspaceId: string,
  teamId: string | null,
  at: Date,
): Promise<boolean> {
  const workspace = await manager.findOneOrFail(Workspace, {
    where: { id: workspaceId },
    select: { id: true, businessHours: true },
  });
  return (await calendarFor(manager, workspace, teamId)).isOpenAt(at);
}
