import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BulkJob } from '../../entities/bulk-job.entity';
import { Conversation } from '../../entities/conversation.entity';
import { CannedScope, MacroActionType, Outcome, Priority } from '../../entities/enums';
import { Macro } from '../../entities/macro.entity';
import { ConnectionType } from '../../schema/pagination';
import { MutationPayload } from '../mutation-payload';

@ObjectType({ description: 'One action of a macro; only the fields of its type are set.' })
export class MacroAction {
  @Field(() => MacroActionType, { description: 'What it does.' })
  type: MacroActionType;

  @Field(() => ID, { nullable: true, description: 'LABEL, TAG: the tag.' })
  tagId?: string | null;

  @Field(() => String, { nullable: true, description: 'NOTE: the text, with its variables unfilled.' })
  body?: string | null;

  @Field(() => ID, { nullable: true, description: 'ASSIGN, TRANSFER: the agent.' })
  agentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'TRANSFER: the team.' })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: 'TRANSFER: the comment.' })
  comment?: string | null;

  @Field(() => Priority, { nullable: true, description: 'SET_PRIORITY: the priority.' })
  priority?: Priority | null;

  @Field(() => Int, { nullable: true, description: 'SNOOZE: for how many minutes from the run.' })
  snoozeMinutes?: number | null;

  @Field(() => Outcome, { nullable: true, description: 'CLOSE: the outcome.' })
  outcome?: Outcome | null;

  @Field(() => String, { nullable: true, description: 'CLOSE: the reason.' })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'SEND_CANNED_RESPONSE: the canned response.' })
  cannedResponseId?: string | null;
}

@InputType({
  description:
    'One action of a macro: its `type` and exactly the fields that type uses (any other is refused).',
})
export class MacroActionInput {
  @Field(() => MacroActionType, { description: 'What it does.' })
  type: MacroActionType;

  @Field(() => ID, {
    nullable: true,
    description: 'LABEL (a conversation label), TAG (the customer): a Tag.',
  })
  tagId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'NOTE: the text (1–10,000 characters; @mentions and the canned response variables allowed).',
  })
  body?: string | null;

  @Field(() => ID, { nullable: true, description: 'ASSIGN (required), TRANSFER: an Agent.' })
  agentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'TRANSFER: a Team (its queue, or with `agentId` that member).',
  })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: 'TRANSFER: a comment (up to 2,000 characters).' })
  comment?: string | null;

  @Field(() => Priority, { nullable: true, description: 'SET_PRIORITY: the priority.' })
  priority?: Priority | null;

  @Field(() => Int, {
    nullable: true,
    description: "SNOOZE: minutes from the run (at most the workspace's visible days).",
  })
  snoozeMinutes?: number | null;

  @Field(() => Outcome, { nullable: true, description: 'CLOSE: POSITIVE or NEGATIVE.' })
  outcome?: Outcome | null;

  @Field(() => String, { nullable: true, description: 'CLOSE: why (1–500 characters).' })
  reason?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'SEND_CANNED_RESPONSE: a CannedResponse whose text (variables filled) goes to the customer.',
  })
  cannedResponseId?: string | null;
}

@InputType({ description: 'A new macro.' })
export class MacroCreateInput {
  @Field(() => CannedScope, {
    description:
      'WORKSPACE (admins create; everyone sees and runs), TEAM (members of `teamId` and admins), PERSONAL (yours alone).',
  })
  scope: CannedScope;

  @Field(() => ID, { nullable: true, description: 'The team of a TEAM macro.' })
  teamId?: string | null;

  @Field({ description: 'Its name (1–100 characters).' })
  name: string;

  @Field(() => [MacroActionInput], { description: 'The actions, in the order they run (1–20).' })
  actions: MacroActionInput[];
}

@InputType({ description: 'Changes to a macro; absent or null leaves a property as it is.' })
export class MacroUpdateInput {
  @Field(() => ID, { description: 'The macro.' })
  macroId: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => [MacroActionInput], { nullable: true, description: 'The actions, replacing the list.' })
  actions?: MacroActionInput[] | null;
}

@InputType({ description: 'The macro to delete.' })
export class MacroDeleteInput {
  @Field(() => ID, { description: 'The macro.' })
  macroId: string;
}

@InputType({ description: 'A macro and the conversations to run it on.' })
export class MacroRunInput {
  @Field(() => ID, { description: 'The macro (one you see).' })
  macroId: string;

  @Field(() => [ID], {
    description: 'The conversations: up to 100 in one transaction, up to 10,000 as a bulk job.',
  })
  conversationIds: string[];
}

@ObjectType({ description: 'Result of macroCreate and macroUpdate.' })
export class MacroPayload extends MutationPayload {
  @Field(() => Macro, { nullable: true, description: 'The macro as stored.' })
  macro?: Macro | null;
}

@ObjectType({ description: 'Result of macroDelete.' })
export class MacroDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted macro.' })
  deletedMacroId?: string | null;
}

@ObjectType({ description: 'Result of macroRun.' })
export class MacroRunPayload extends MutationPayload {
  @Field(() => [Conversation], {
    nullable: true,
    description: 'Up to 100 conversations: each as the macro left it, in the order given.',
  })
  conversations?: Conversation[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Names this run in the MACRO_RUN history line of each conversation (`data.runId`).',
  })
  runId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The conversation whose refusal rolled the whole call back (also named in the user error).',
  })
  failedConversationId?: string | null;

  @Field(() => BulkJob, {
    nullable: true,
    description: 'More than 100 conversations: the bulk job that runs it (see bulkJob and bulkJobProgress).',
  })
  job?: BulkJob | null;
}

@ObjectType({ description: 'A page of macros, by name.' })
export class MacroConnection extends ConnectionType(Macro) {}
