import { type AppDeps } from '../server/app-deps';

/** Registers every job handler with the queue; each handler lives in its own file here. */
export function registerJobs(_deps: AppDeps): void {}
