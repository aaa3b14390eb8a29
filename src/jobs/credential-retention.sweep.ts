import { pruneSpentCredentials } from '../services/session/credential-retention';
import { type MaintenanceSweep } from './maintenance.job';

/** Refresh and one-time tokens a day past their end are deleted. */
export const spentCredentialsSweep: MaintenanceSweep = {
  name: 'spent-credentials',
  run: (deps) => pruneSpentCredentials(deps.dataSource, deps.clock.now()),
};
