import { type Workspace } from '../../entities/workspace.entity';
import { type UnitOfWork } from '../unit-of-work';

/**
 * The one place that decides whether automatic assignment may give out conversations at `now`.
 * Every drain asks it under the workspace's drain lock, before it reads the agents or the queue;
 * while it says no, conversations wait in the queue and agents may still take them by hand.
 * Whatever opens the window again (e.g. the start of business hours) should ask for a drain
 * (`scheduleQueueDrain`).
 */
export function mayAssignNow(
  _uow: UnitOfWork,
  _workspace: Pick<Workspace, 'id' | 'timezone'>,
  _now: Date,
): Promise<boolean> {
  return Promise.resolve(true);
}
