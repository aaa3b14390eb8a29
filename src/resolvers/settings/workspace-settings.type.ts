import { Field, Int, ObjectType } from 'type-graphql';
import { AssignmentOrder, AssignmentPolicy, Locale, ReadReceipts } from '../../entities/enums';
import { type Workspace } from '../../entities/workspace.entity';
import { BusinessHours, businessHoursOf } from '../business-hours/business-hours.types';

@ObjectType({ description: 'When a closing conversation really closes, and what happens then.' })
export class AutoCloseSettings {
  @Field(() => Int, { description: 'Minutes after a POSITIVE outcome before the conversation closes.' })
  positiveMinutes: number;

  @Field(() => Int, { description: 'Minutes after a NEGATIVE outcome before the conversation closes.' })
  negativeMinutes: number;

  @Field({ description: 'Whether the closed conversation returns to the bot.' })
  returnToBot: boolean;
}

@ObjectType({ description: 'How the queue is given out to agents.' })
export class AssignmentSettings {
  @Field(() => AssignmentPolicy, {
    description:
      'MANUAL: agents take and admins assign; ROUND_ROBIN and BALANCED: the queue is given out automatically to ONLINE agents with room.',
  })
  policy: AssignmentPolicy;

  @Field(() => Int, {
    description:
      "Conversations an agent holds at most under automatic assignment, unless the agent's own capacity says otherwise.",
  })
  defaultCapacity: number;

  @Field(() => AssignmentOrder, {
    description:
      'The order in which the queue drains: WAITING_SINCE (longest waiting first) or PRIORITY (then longest waiting).',
  })
  order: AssignmentOrder;
}

@ObjectType({ description: 'Workspace settings (admins change them with settingsUpdate).' })
export class WorkspaceSettings {
  @Field(() => Locale, { description: 'Language of AI output and defaults.' })
  locale: Locale;

  @Field({ description: 'IANA time zone, e.g. America/Bogota.' })
  timezone: string;

  @Field({ description: 'Whether a bot holds new conversations first.' })
  botEnabled: boolean;

  @Field(() => ReadReceipts, {
    description:
      "When the customer's app is told their messages were read: MANUAL (conversationMarkRead, the default), ON_REPLY (an agent's reply), OFF (never).",
  })
  readReceipts: ReadReceipts;

  @Field({ description: 'Write an AI summary when a conversation changes hands.' })
  aiSummaryEnabled: boolean;

  @Field({ description: 'Write AI reply suggestions when a conversation changes hands.' })
  aiSuggestionsEnabled: boolean;

  @Field({
    description: 'Redact phones, e-mails, card and id numbers before text leaves for an AI provider.',
  })
  aiRedactPii: boolean;

  @Field(() => AutoCloseSettings, { description: 'Closing delays per outcome.' })
  autoClose: AutoCloseSettings;

  @Field(() => Int, { description: 'Conversations idle longer than this many days leave the trays.' })
  visibleDays: number;

  @Field({
    description:
      'Whether API keys may run registered operations only (named by their sha256); signed-in agents may run any.',
  })
  apiKeysRequireSafelist: boolean;

  @Field({
    description: 'Whether closed conversations get a satisfaction survey (WhatsApp, Messenger, Instagram).',
  })
  csatEnabled: boolean;

  @Field(() => AssignmentSettings, { description: 'Automatic assignment of the queue and agent capacity.' })
  assignment: AssignmentSettings;
  @Field(() => BusinessHours, {
    nullable: true,
    description: 'Weekly openings and holidays (businessHoursSet); null: always open.',
  })
  businessHours: BusinessHours | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Sent once per conversation per closed period when a customer writes while closed (not while the bot holds it); null: none.',
  })
  outOfOfficeMessage: string | null;
}

export function settingsOf(workspace: Workspace): WorkspaceSettings {
  return {
    locale: workspace.locale,
    timezone: workspace.timezone,
    botEnabled: workspace.botEnabled,
    readReceipts: workspace.readReceipts,
    aiSummaryEnabled: workspace.aiSummaryEnabled,
    aiSuggestionsEnabled: workspace.aiSuggestionsEnabled,
    aiRedactPii: workspace.aiRedactPii,
    autoClose: {
      positiveMinutes: workspace.autoClosePositiveMinutes,
      negativeMinutes: workspace.autoCloseNegativeMinutes,
      returnToBot: workspace.autoCloseReturnToBot,
    },
    visibleDays: workspace.visibleDays,
    apiKeysRequireSafelist: workspace.apiKeysRequireSafelist,
    csatEnabled: workspace.csatEnabled,
    assignment: {
      policy: workspace.assignmentPolicy,
      defaultCapacity: workspace.defaultCapacity,
      order: workspace.assignmentOrder,
    },
    businessHours: businessHoursOf(workspace.businessHours ?? null),
    outOfOfficeMessage: workspace.outOfOfficeMessage ?? null,
  };
}
