import { type AuthChecker } from 'type-graphql';
import { ApiError, ApiErrorCode } from './errors';
import { ruleAllows } from '../auth/access';
import { type RequestContext } from '../server/context';

/**
 * Unauthenticated callers get UNAUTHENTICATED (with the reason); signed-in callers without the rule
 * get FORBIDDEN. A PUBLIC field is open even with stale credentials (refreshing an expired token).
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }, rules) => {
  if (rules.includes('PUBLIC')) return true;
  const viewer = context.viewer;
  if (!viewer) {
    throw new ApiError(
      ApiErrorCode.UNAUTHENTICATED,
      context.authFailure ?? 'Sign in: send Authorization: Bearer <token>.',
    );
  }
  const principal =
    viewer.principal.kind === 'agent'
      ? { kind: 'agent' as const, role: viewer.principal.agent.role }
      : { kind: 'apiKey' as const, scopes: viewer.principal.apiKey.scopes };
  if (rules.length === 0 || !ruleAllows(rules, principal)) {
    throw new ApiError(ApiErrorCode.FORBIDDEN, 'Your role or API key scopes do not allow this operation.');
  }
  return true;
};
