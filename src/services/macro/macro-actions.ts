import { z } from 'zod';
import { MacroActionType, Outcome, Priority } from '../../entities/enums';
import { type StoredMacroAction } from '../../entities/macro.entity';
import { assertKnownVariables } from '../canned-response/canned-variables';
import { checkCloseReason } from '../conversation/conversation-workflow.service';
import { BusinessRuleError, UserErrorCode } from '../errors';

export const MAX_ACTIONS = 20;
const NOTE_MAX = 10_000;
const COMMENT_MAX = 2000;
/** A snooze ends at most the workspace's visible days away; this is only the shape's bound. */
const SNOOZE_MAX_MINUTES = 366 * 24 * 60;

const id = z.guid({ error: 'Expected an id of this workspace.' });
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * One action as stored (database ids): each type names exactly the fields it uses, so a field of
 * another action type is refused rather than silently ignored.
 */
export const macroActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(MacroActionType.LABEL), tagId: id }),
  z.strictObject({ type: z.literal(MacroActionType.TAG), tagId: id }),
  z.strictObject({ type: z.literal(MacroActionType.NOTE), body: text(NOTE_MAX) }),
  z.strictObject({ type: z.literal(MacroActionType.ASSIGN), agentId: id }),
  z
    .strictObject({
      type: z.literal(MacroActionType.TRANSFER),
      agentId: id.optional(),
      teamId: id.optional(),
      comment: text(COMMENT_MAX).optional(),
    })
    .refine((action) => action.agentId !== undefined || action.teamId !== undefined, {
      message: 'A transfer names its agent (`agentId`), its team (`teamId`), or both.',
      path: ['agentId'],
    }),
  z.strictObject({ type: z.literal(MacroActionType.SET_PRIORITY), priority: z.enum(Priority) }),
  z.strictObject({
    type: z.literal(MacroActionType.SNOOZE),
    snoozeMinutes: z.int().min(1).max(SNOOZE_MAX_MINUTES),
  }),
  z.strictObject({
    type: z.literal(MacroActionType.CLOSE),
    outcome: z.enum(Outcome),
    reason: text(500),
  }),
  z.strictObject({ type: z.literal(MacroActionType.SEND_CANNED_RESPONSE), cannedResponseId: id }),
]);

export type MacroAction = z.output<typeof macroActionSchema>;

/** An action as the edge hands it over: every field present, null when not given. */
export type MacroActionFields = { type: MacroActionType } & Partial<
  Record<'tagId' | 'body' | 'agentId' | 'teamId' | 'comment' | 'cannedResponseId' | 'reason', string | null>
> & {
    priority?: Priority | null;
    snoozeMinutes?: number | null;
    outcome?: Outcome | null;
  };

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `${issue.keys.map((key) => `\`${key}\``).join(', ')} ${issue.keys.length > 1 ? 'do' : 'does'} not belong to this action type.`;
  }
  return issue.message;
}

/**
 * The actions of a macro, checked in order: 1 to 20, each of a known type with exactly its fields
 * (`field`: ["input", "actions", index, name]). Texts with variables must use known ones.
 */
export function checkActions(raw: readonly MacroActionFields[]): MacroAction[] {
  if (raw.length === 0 || raw.length > MAX_ACTIONS) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `A macro has 1 to ${MAX_ACTIONS} actions.`, [
      'input',
      'actions',
    ]);
  }
  return raw.map((fields, index) => {
    // Absent and null are the same at the edge; only the fields given are the action's.
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null));
    const result = macroActionSchema.safeParse(given);
    const path = ['input', 'actions', String(index)];
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `Action ${index + 1} (${fields.type}): ${describe(issue)}`,
        [
          ...path,
          ...(issue.code === 'unrecognized_keys' ? [issue.keys[0]!] : issue.path.map((key) => String(key))),
        ],
      );
    }
    const action = result.data;
    if (action.type === MacroActionType.NOTE) assertKnownVariables(action.body, [...path, 'body']);
    if (action.type === MacroActionType.CLOSE) checkCloseReason(action.reason, [...path, 'reason']);
    return action;
  });
}

/** Stored actions, parsed again when read (a row written by an older version keeps working or says why). */
export function storedActions(stored: readonly StoredMacroAction[]): MacroAction[] {
  return stored.map((action) => macroActionSchema.parse(action));
}
