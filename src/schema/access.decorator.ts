import { Authorized } from 'type-graphql';
import { type AccessRule } from '../auth/access';

/** The rule sets root fields declare; `src/auth` decides whether a principal holds one. */
export const Allow = {
  /** Anyone, without credentials: the sign-in mutations, whose input is the credential. */
  anyone: ['PUBLIC'] as AccessRule[],
  /** Anyone signed in, whatever the scopes. */
  signedIn: ['AGENT', 'read', 'write', 'admin', 'bot'] as AccessRule[],
  /** Reading the workspace's conversations and customers. */
  read: ['AGENT', 'read', 'bot'] as AccessRule[],
  /** Agent work and partner writes. */
  write: ['AGENT', 'write'] as AccessRule[],
  /** Workspace administration. */
  admin: ['ADMIN', 'admin'] as AccessRule[],
  /** The bot's own moves (handoff), also open to admins. */
  bot: ['bot', 'ADMIN'] as AccessRule[],
  /** Supervisors' reports: admins, and API keys that read the workspace (dashboards). */
  reports: ['ADMIN', 'read', 'admin'] as AccessRule[],
  /** Bots and agents answering customers. */
  reply: ['AGENT', 'write', 'bot'] as AccessRule[],
};

/** Declares who may call a field; the only way root fields are guarded here. */
export function Access(rules: AccessRule[]): MethodDecorator & PropertyDecorator {
  return Authorized(...rules);
}
