import { AgentRole, ApiKeyScope } from '../entities/enums';

/**
 * Who may call a field. Agent rules: `AGENT` (any active agent, admins included), `ADMIN`.
 * API key rules are scopes. `PUBLIC`: anyone, signed in or not (signing in itself). Every root
 * field carries one of these sets, and a test snapshots them.
 */
export type AccessRule = 'PUBLIC' | 'AGENT' | 'ADMIN' | `${ApiKeyScope}`;

/** Scopes a key effectively holds: admin implies write and read; write and bot imply read. */
export function effectiveScopes(scopes: ApiKeyScope[]): Set<ApiKeyScope> {
  const result = new Set(scopes);
  if (result.has(ApiKeyScope.ADMIN)) result.add(ApiKeyScope.WRITE);
  if (result.has(ApiKeyScope.WRITE) || result.has(ApiKeyScope.BOT)) result.add(ApiKeyScope.READ);
  return result;
}

export function ruleAllows(
  rules: readonly string[],
  principal: { kind: 'agent'; role: AgentRole } | { kind: 'apiKey'; scopes: ApiKeyScope[] },
): boolean {
  if (principal.kind === 'agent') {
    return rules.includes('AGENT') || (principal.role === AgentRole.ADMIN && rules.includes('ADMIN'));
  }
  const scopes = effectiveScopes(principal.scopes);
  return rules.some((rule) => scopes.has(rule as ApiKeyScope));
}
