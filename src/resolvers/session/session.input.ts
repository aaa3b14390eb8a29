import { Field, ID, InputType } from 'type-graphql';
import { AgentRole } from '../../entities/enums';

@InputType({ description: 'A password sign-in.' })
export class SessionCreateInput {
  @Field({ description: 'The e-mail the agent signs in with (any case).' })
  email: string;

  @Field({ description: 'The password.' })
  password: string;
}

@InputType({ description: 'The refresh token to exchange.' })
export class SessionRefreshInput {
  @Field({ description: 'The latest refresh token of the session; it is spent by this call.' })
  refreshToken: string;
}

@InputType({ description: 'What to sign out.' })
export class SessionRevokeInput {
  @Field({ description: 'The current refresh token of the session to end.' })
  refreshToken: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "True: end every session of the token's agent and refuse every session token issued to them before.",
  })
  everywhere: boolean;
}

@InputType({ description: 'A new team member who chooses their own password.' })
export class AgentInviteInput {
  @Field({ description: 'Sign-in e-mail, unique across Omnitray (stored in lower case).' })
  email: string;

  @Field({ description: 'Display name (1–100 characters).' })
  name: string;

  @Field(() => AgentRole, { description: 'ADMIN or AGENT.' })
  role: AgentRole;
}

@InputType({ description: 'A new password, with the invite or reset token that allows it.' })
export class PasswordSetInput {
  @Field({ description: 'The invite token (agentInvite) or reset token (agentPasswordResetLink, CLI).' })
  token: string;

  @Field({ description: 'At least 10 characters, at most 256, and not the e-mail address.' })
  password: string;
}

@InputType({ description: 'Who forgot their password.' })
export class PasswordResetRequestInput {
  @Field({ description: 'The e-mail the agent signs in with.' })
  email: string;
}

@InputType({ description: 'The agent who needs a new password.' })
export class AgentPasswordResetLinkInput {
  @Field(() => ID, { description: 'An active agent of the workspace.' })
  agentId: string;
}
