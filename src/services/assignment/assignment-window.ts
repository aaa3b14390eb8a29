import { type Workspace } from '../../entities/workspace.entity';
import { JobName } from '../../runtime/job-queue';
import { type BusinessCalendarSpec, calendarOf, type Calendar } from '../business-hours/business-calendar';
import { type UnitOfWork } from '../unit-of-work';

/** Whether automatic assignment may give out conversations now, and those of which queue. */
export interface AssignmentWindow {
  /** Some queue is open: the workspace's, or a team's with hours of its own. */
  open: boolean;
  /** Whether a conversation of this team's queue (null: the general queue) may be given out now. */
  allows(teamId: string | null): boolean;
}

/**
 * The one place that decides whether automatic assignment may give out conversations at `now`:
 * inside business hours, the conversation's team's when it has its own, else the workspace's (none
 * set: always). Every drain asks it under the workspace's drain lock, before it reads the agents
 * or the queue; while it says no, conversations wait in the queue and agents may still take them
 * by hand. When nothing is open it schedules a drain at the next opening, so the queue drains as
 * business hours start (the maintenance sweep would otherwise within a minute).
 */
export async function assignmentWindowAt(
  uow: UnitOfWork,
  workspace: Pick<Workspace, 'id' | 'businessHours'>,
  now: Date,
): Promise<AssignmentWindow> {
  const general = calendarOf(workspace.businessHours ?? null);
  const rows = (await uow.manager.query(
    'SELECT id, business_hours FROM team WHERE workspace_id = $1 AND business_hours IS NOT NULL',
    [workspace.id],
  )) as { id: string; business_hours: BusinessCalendarSpec }[];
  const own = new Map<string, Calendar>(rows.map((row) => [row.id, calendarOf(row.business_hours)]));
  const openNow = new Map<string | null, boolean>([[null, general.isOpenAt(now)]]);
  for (const [teamId, calendar] of own) openNow.set(teamId, calendar.isOpenAt(now));
  const allows = (teamId: string | null) => openNow.get(teamId) ?? openNow.get(null)!;
  const open = [...openNow.values()].some(Boolean);
  if (!open) {
    const openings = [general, ...own.values()]
      .map((calendar) => calendar.nextOpeningAt(now))
      .filter((at): at is Date => at !== null)
      .map((at) => at.getTime());
    if (openings.length > 0) {
      const at = new Date(Math.min(...openings));
      await uow.enqueue(
        JobName.QUEUE_DRAIN,
        {},
        { startAfter: at, singletonKey: `${workspace.id}:opens:${at.toISOString()}` },
      );
    }
  }
  return { open, allows };
}
