import { eventRetentionCutoff, pruneEvents } from '../realtime/event-log';
import { type MaintenanceSweep } from './maintenance.job';

/** Drops events older than the retention; a resume from before it gets CURSOR_EXPIRED. */
export const eventRetentionSweep: MaintenanceSweep = {
  name: 'event-retention',
  run: (deps) =>
    pruneEvents(deps.dataSource, eventRetentionCutoff(deps.config.eventRetentionDays, deps.clock.now())),
};
