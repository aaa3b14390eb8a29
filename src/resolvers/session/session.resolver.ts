import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Access, Allow } from '../../schema/access.decorator';
import { Agent } from '../../entities/agent.entity';
import { type AuthedContext, type RequestContext } from '../../server/context';
import { refreshSession, revokeSession, signIn } from '../../services/session/session.service';
import {
  inviteAgent,
  issuePasswordResetInWorkspace,
  requestPasswordReset,
  setPassword,
} from '../../services/session/password.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  AgentInviteInput,
  AgentPasswordResetLinkInput,
  PasswordResetRequestInput,
  PasswordSetInput,
  SessionCreateInput,
  SessionRefreshInput,
  SessionRevokeInput,
} from './session.input';
import {
  AgentInvitePayload,
  AgentPasswordResetLinkPayload,
  PasswordResetRequestPayload,
  SessionPayload,
  SessionRevokePayload,
} from './session.payload';

@Resolver()
export class SessionResolver {
  @Mutation(() => SessionPayload, {
    description:
      'Signs in with e-mail and password (INVALID_CREDENTIALS, the same for an unknown e-mail; LOCKED_OUT ' +
      'after too many failures for the account or from the address).',
  })
  @Access(Allow.anyone)
  sessionCreate(
    @Arg('input', () => SessionCreateInput, { description: 'E-mail and password.' })
    input: SessionCreateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionPayload> {
    return mutate(SessionPayload, () =>
      signIn(ctx.deps, { email: input.email, password: input.password, clientAddress: ctx.clientAddress }),
    );
  }

  @Mutation(() => SessionPayload, {
    description:
      'Exchanges the refresh token for a new access and refresh token. A refresh token works once: ' +
      'presenting it again ends the whole session (SESSION_INVALID).',
  })
  @Access(Allow.anyone)
  sessionRefresh(
    @Arg('input', () => SessionRefreshInput, { description: 'The refresh token.' })
    input: SessionRefreshInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionPayload> {
    return mutate(SessionPayload, () => refreshSession(ctx.deps, input.refreshToken));
  }

  @Mutation(() => SessionRevokePayload, {
    description:
      "Signs out: the refresh token's session, or every session of its agent (everywhere). Their access " +
      'tokens are refused from the next request (open subscriptions within 30 seconds).',
  })
  @Access(Allow.anyone)
  sessionRevoke(
    @Arg('input', () => SessionRevokeInput, { description: 'The refresh token, and how far.' })
    input: SessionRevokeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionRevokePayload> {
    return mutate(SessionRevokePayload, () => revokeSession(ctx.deps, input));
  }

  @Mutation(() => SessionPayload, {
    description:
      'Sets the password with an invite or reset token and signs in; every earlier session of the agent ends.',
  })
  @Access(Allow.anyone)
  passwordSet(
    @Arg('input', () => PasswordSetInput, { description: 'The token and the new password.' })
    input: PasswordSetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionPayload> {
    return mutate(SessionPayload, () => setPassword(ctx.deps, input));
  }

  @Mutation(() => PasswordResetRequestPayload, {
    description:
      'Asks for a new password. The answer is the same for every e-mail; the request shows on ' +
      'Agent.passwordResetRequestedAt and an admin answers it with agentPasswordResetLink.',
  })
  @Access(Allow.anyone)
  passwordResetRequest(
    @Arg('input', () => PasswordResetRequestInput, { description: 'The e-mail.' })
    input: PasswordResetRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PasswordResetRequestPayload> {
    return mutate(PasswordResetRequestPayload, async () => {
      await requestPasswordReset(ctx.deps, input.email);
      return { ok: true };
    });
  }

  @Mutation(() => AgentInvitePayload, {
    description: 'Adds an agent without a password and returns their invite token, shown once (admins).',
  })
  @Access(Allow.admin)
  agentInvite(
    @Arg('input', () => AgentInviteInput, { description: 'E-mail, name and role.' }) input: AgentInviteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentInvitePayload> {
    return mutate(AgentInvitePayload, async () => {
      const invited = await inviteAgent(ctx, input);
      return { agent: invited.agent, inviteToken: invited.token, inviteTokenExpiresAt: invited.expiresAt };
    });
  }

  @Mutation(() => AgentPasswordResetLinkPayload, {
    description:
      'A one-use password-reset token for an agent, to hand over (admin agents only: it opens an account ' +
      'without its password, so API keys may not).',
  })
  @Access(['ADMIN'])
  agentPasswordResetLink(
    @Arg('input', () => AgentPasswordResetLinkInput, { description: 'The agent.' })
    input: AgentPasswordResetLinkInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<AgentPasswordResetLinkPayload> {
    return mutate(AgentPasswordResetLinkPayload, () =>
      issuePasswordResetInWorkspace(ctx, localId(input.agentId, Agent.name)),
    );
  }
}
