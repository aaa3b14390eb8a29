import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Agent } from '../../entities/agent.entity';
import { CannedResponse } from '../../entities/canned-response.entity';
import { Conversation } from '../../entities/conversation.entity';
import { toGlobalId } from '../../entities/global-id';
import { Macro } from '../../entities/macro.entity';
import { Tag } from '../../entities/tag.entity';
import { Team } from '../../entities/team.entity';
import { Access, Allow } from '../../schema/access.decorator';
import { toUserError } from '../../schema/errors';
import { PageArgs } from '../../schema/pagination';
import { type AuthedContext } from '../../server/context';
import { BulkItemError } from '../../services/conversation/conversation-bulk.service';
import { BusinessRuleError } from '../../services/errors';
import { type MacroActionFields, storedActions } from '../../services/macro/macro-actions';
import { runMacro } from '../../services/macro/macro-run.service';
import { createMacro, deleteMacro, listMacros, updateMacro } from '../../services/macro/macro.service';
import { localId } from '../find-owned';
import { mutate } from '../mutation-payload';
import {
  MacroAction,
  type MacroActionInput,
  MacroConnection,
  MacroCreateInput,
  MacroDeleteInput,
  MacroDeletePayload,
  MacroPayload,
  MacroRunInput,
  MacroRunPayload,
  MacroUpdateInput,
} from './macro.types';

const optional = (id: string | null | undefined, type: string) => (id ? localId(id, type) : null);

/** Global ids of the input to database ids, each of its own type. */
function actionFields(actions: MacroActionInput[]): MacroActionFields[] {
  return actions.map((action) => ({
    ...action,
    tagId: optional(action.tagId, Tag.name),
    agentId: optional(action.agentId, Agent.name),
    teamId: optional(action.teamId, Team.name),
    cannedResponseId: optional(action.cannedResponseId, CannedResponse.name),
  }));
}

const global = (type: string, id: string | undefined) => (id ? toGlobalId(type, id) : null);

@Resolver(() => Macro)
export class MacroResolver {
  @Query(() => MacroConnection, {
    description: "The macros you see and may run (the workspace's, your teams', your own), by name.",
  })
  @Access(Allow.read)
  macros(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AuthedContext) {
    return listMacros(ctx, page);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team of a TEAM macro.' })
  team(@Root() macro: Macro, @Ctx() ctx: AuthedContext): Promise<Team | null> | null {
    return macro.teamId ? ctx.loaders.team.load(macro.teamId) : null;
  }

  @FieldResolver(() => [MacroAction], { description: 'The actions, in the order they run.' })
  actions(@Root() macro: Macro): MacroAction[] {
    return storedActions(macro.actions).map((action) => {
      const fields = action as Partial<Record<string, unknown>> & { type: MacroAction['type'] };
      return Object.assign(new MacroAction(), {
        ...fields,
        tagId: global(Tag.name, fields.tagId as string | undefined),
        agentId: global(Agent.name, fields.agentId as string | undefined),
        teamId: global(Team.name, fields.teamId as string | undefined),
        cannedResponseId: global(CannedResponse.name, fields.cannedResponseId as string | undefined),
      });
    });
  }

  @Mutation(() => MacroPayload, {
    description:
      'Creates a macro. Who may is the canned responses\' rule: WORKSPACE ones admins, TEAM ones the team\'s members or admins, PERSONAL ones any agent for themselves. Every action is checked (INVALID_INPUT names it: `field` ["input", "actions", index, name]).',
  })
  @Access(Allow.write)
  macroCreate(
    @Arg('input', () => MacroCreateInput, { description: 'The macro.' }) input: MacroCreateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MacroPayload> {
    return mutate(MacroPayload, async () => ({
      macro: await createMacro(ctx, {
        scope: input.scope,
        teamId: optional(input.teamId, Team.name),
        name: input.name,
        actions: actionFields(input.actions),
      }),
    }));
  }

  @Mutation(() => MacroPayload, { description: 'Changes a macro (whoever may create it in its scope).' })
  @Access(Allow.write)
  macroUpdate(
    @Arg('input', () => MacroUpdateInput, { description: 'The changes.' }) input: MacroUpdateInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MacroPayload> {
    return mutate(MacroPayload, async () => ({
      macro: await updateMacro(ctx, {
        macroId: localId(input.macroId, Macro.name),
        name: input.name,
        actions: input.actions == null ? null : actionFields(input.actions),
      }),
    }));
  }

  @Mutation(() => MacroDeletePayload, {
    description: 'Deletes a macro (whoever may create it in its scope).',
  })
  @Access(Allow.write)
  macroDelete(
    @Arg('input', () => MacroDeleteInput, { description: 'The macro.' }) input: MacroDeleteInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MacroDeletePayload> {
    return mutate(MacroDeletePayload, async () => ({
      deletedMacroId: await deleteMacro(ctx, localId(input.macroId, Macro.name)),
    }));
  }

  @Mutation(() => MacroRunPayload, {
    description:
      "Runs a macro's actions in order on each conversation, each action by its single mutation's rule, with your rights. Up to 100 conversations: one transaction, all or nothing; the first refusal names its conversation (`failedConversationId`, and the user error's message and `field` [\"input\", \"conversationIds\", index]). More: a bulk job (`job`), one transaction per 100, a refused conversation reported in the job without undoing the others. Each conversation's history gets a MACRO_RUN line (the macro, `runId`) before its actions' lines; two runs on the same conversations queue behind each other's row locks.",
  })
  @Access(Allow.write)
  async macroRun(
    @Arg('input', () => MacroRunInput, { description: 'The macro and the conversations.' })
    input: MacroRunInput,
    @Ctx() ctx: AuthedContext,
  ): Promise<MacroRunPayload> {
    const payload = new MacroRunPayload();
    try {
      const result = await runMacro(ctx, {
        macroId: localId(input.macroId, Macro.name),
        conversationIds: input.conversationIds.map((id) => localId(id, Conversation.name)),
      });
      payload.conversations = result.run?.conversations ?? null;
      payload.runId = result.run?.runId ?? null;
      payload.job = result.job ?? null;
    } catch (error) {
      if (!(error instanceof BusinessRuleError)) throw error;
      payload.userErrors = [toUserError(error)];
      if (error instanceof BulkItemError) payload.failedConversationId = error.conversationId;
    }
    return payload;
  }
}
