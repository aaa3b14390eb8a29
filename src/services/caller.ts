import { type Viewer } from '../auth/viewer';
import { type AppDeps } from '../runtime/app-deps';

/**
 * Who is asking: the app's dependencies and the signed-in viewer. The request context satisfies
 * it, so resolvers pass their context; jobs and the CLI build one for a known workspace.
 */
export interface Caller {
  deps: AppDeps;
  viewer: Viewer;
}
