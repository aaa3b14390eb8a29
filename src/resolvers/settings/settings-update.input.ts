import { Field, InputType, Int } from 'type-graphql';
import { AssignmentOrder, AssignmentPolicy, Locale, ReadReceipts } from '../../entities/enums';

@InputType({ description: 'Changes to the closing delays; absent or null leaves a value as it is.' })
export class AutoCloseSettingsInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Minutes (0–10080) after a POSITIVE outcome before closing.',
  })
  positiveMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes (0–10080) after a NEGATIVE outcome before closing.',
  })
  negativeMinutes?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the closed conversation returns to the bot.',
  })
  returnToBot?: boolean | null;
}

@InputType({ description: 'Changes to automatic assignment; absent or null leaves a value as it is.' })
export class AssignmentSettingsInput {
  @Field(() => AssignmentPolicy, { nullable: true, description: 'MANUAL, ROUND_ROBIN or BALANCED.' })
  policy?: AssignmentPolicy | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Conversations (0–1000) an agent holds at most when their own capacity is not set.',
  })
  defaultCapacity?: number | null;

  @Field(() => AssignmentOrder, { nullable: true, description: 'WAITING_SINCE or PRIORITY.' })
  order?: AssignmentOrder | null;
}

@InputType({ description: 'Changes to the workspace settings; absent or null leaves a setting as it is.' })
export class SettingsUpdateInput {
  @Field(() => Locale, { nullable: true, description: 'Language of AI output and defaults.' })
  locale?: Locale | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. America/Bogota.' })
  timezone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a bot holds new conversations first.' })
  botEnabled?: boolean | null;

  @Field(() => ReadReceipts, {
    nullable: true,
    description:
      "When the customer's app is told their messages were read: MANUAL (conversationMarkRead), ON_REPLY (an agent's reply), OFF (never).",
  })
  readReceipts?: ReadReceipts | null;

  @Field(() => Boolean, { nullable: true, description: 'AI summaries when a conversation changes hands.' })
  aiSummaryEnabled?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'AI reply suggestions when a conversation changes hands (independent of summaries).',
  })
  aiSuggestionsEnabled?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Redact personal data before text leaves for an AI provider.',
  })
  aiRedactPii?: boolean | null;

  @Field(() => AutoCloseSettingsInput, { nullable: true, description: 'Closing delays per outcome.' })
  autoClose?: AutoCloseSettingsInput | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days (1–365) a conversation stays in the trays without activity.',
  })
  visibleDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Hold the workspace's API keys to its registered operations (persistedQueryRegister); signed-in agents are not held to them.",
  })
  apiKeysRequireSafelist?: boolean | null;

  @Field(() => AssignmentSettingsInput, {
    nullable: true,
    description: 'Automatic assignment: policy, default capacity, queue order.',
  })
  assignment?: AssignmentSettingsInput | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The out-of-office reply (1–1000 characters), sent once per conversation per closed period; an empty string turns it off.',
  })
  outOfOfficeMessage?: string | null;
}
