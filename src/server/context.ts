import { randomUUID } from 'node:crypto';
import { type Viewer } from '../auth/viewer';
import { authenticate } from '../auth/authenticate';
import { createLoaders, type Loaders } from '../loaders';
import { conversationReadScope } from '../services/conversation/conversation-visibility';
import { type AppDeps } from '../runtime/app-deps';
import { type GateOutcome } from './persisted-queries';

/** What every resolver gets: the caller, its workspace, per-request loaders and the app's services. */
export interface RequestContext {
  requestId: string;
  deps: AppDeps;
  viewer: Viewer | null;
  /** Why the credentials were refused, for the UNAUTHENTICATED message. */
  authFailure: string | null;
  loaders: Loaders;
  idempotencyKey: string | null;
  /** The client's address (behind trusted proxies, the one they report): anonymous calls are budgeted by it, and sign-in failures counted. */
  clientAddress: string | null;
  /** The origin the request came to (`https://api.example.com`), for absolute links; null when unknown. */
  origin: string | null;
  /** HTTP: what the persisted-query gate decided about the document before Apollo read it. */
  persistedQuery?: GateOutcome;
}

/** Context of an authenticated resolver: the auth checker has run. */
export type AuthedContext = RequestContext & { viewer: Viewer };

export async function buildContext(
  deps: AppDeps,
  authorization: string | undefined,
  options: {
    requestId?: string;
    idempotencyKey?: string | null;
    clientAddress?: string | null;
    origin?: string | null;
  } = {},
): Promise<RequestContext> {
  const result = await authenticate(
    deps.dataSource,
    deps.config.appSecret,
    authorization,
    deps.clock.now(),
    deps.credentials,
  );
  const viewer = result.ok ? result.viewer : null;
  return {
    requestId: options.requestId ?? randomUUID(),
    deps,
    viewer,
    authFailure: result.ok === false ? result.reason : null,
    loaders: createLoaders(
      deps.dataSource,
      viewer
        ? conversationReadScope(viewer)
        : { workspaceId: '00000000-0000-0000-0000-000000000000', agentId: null, teamIds: [] },
      deps.clock,
    ),
    idempotencyKey: options.idempotencyKey ?? null,
    clientAddress: options.clientAddress ?? null,
    origin: options.origin ?? null,
  };
}
