import { Field, Int, ObjectType } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { MutationPayload } from '../mutation-payload';

@ObjectType({
  description:
    'A signed-in session: a short-lived access token for `Authorization: Bearer`, and a refresh token ' +
    'that sessionRefresh exchanges, once, for the next pair.',
})
export class SessionPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the access token expires (ACCESS_TOKEN_TTL_MINUTES, 15 by default).',
  })
  accessTokenExpiresAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Keep it secret and use it once: sessionRefresh spends it; presenting a spent one again ends the whole session.',
  })
  refreshToken?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the refresh token expires unless spent before.' })
  refreshTokenExpiresAt?: Date | null;

  @Field(() => Agent, { nullable: true, description: 'The signed-in agent.' })
  agent?: Agent | null;
}

@ObjectType({ description: 'Result of sessionRevoke.' })
export class SessionRevokePayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: 'How many sessions ended.' })
  revokedSessionCount?: number | null;
}

@ObjectType({ description: 'Result of agentInvite.' })
export class AgentInvitePayload extends MutationPayload {
  @Field(() => Agent, {
    nullable: true,
    description: 'The new agent; they sign in once they chose a password.',
  })
  agent?: Agent | null;

  @Field(() => String, {
    nullable: true,
    description: 'For passwordSet; shown once, good for one use until inviteTokenExpiresAt.',
  })
  inviteToken?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the invite token expires (INVITE_TTL_HOURS).' })
  inviteTokenExpiresAt?: Date | null;
}

@ObjectType({ description: 'Result of passwordResetRequest: the same whether the e-mail is known or not.' })
export class PasswordResetRequestPayload extends MutationPayload {
  @Field({ description: 'Always true: the request is taken, and an admin issues the reset token.' })
  ok: boolean;
}

@ObjectType({ description: 'Result of agentPasswordResetLink.' })
export class AgentPasswordResetLinkPayload extends MutationPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent.' })
  agent?: Agent | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For passwordSet; shown once, good for one use; earlier invite and reset tokens stop working.',
  })
  token?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it expires (PASSWORD_RESET_TTL_MINUTES).' })
  expiresAt?: Date | null;
}
