import { Workspace } from '../../entities/workspace.entity';
import {
  type AssignmentOrder,
  type AssignmentPolicy,
  type Locale,
  type ReadReceipts,
} from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type Caller } from '../caller';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';
import { shown } from '../text-limits';
import { CAPACITY_MAX } from '../assignment/queue-rules';

export const AUTO_CLOSE_MAX_MINUTES = 7 * 24 * 60;
export const VISIBLE_DAYS_MAX = 365;

export interface SettingsUpdateValues {
  locale?: Locale | null;
  timezone?: string | null;
  botEnabled?: boolean | null;
  readReceipts?: ReadReceipts | null;
  aiSummaryEnabled?: boolean | null;
  aiSuggestionsEnabled?: boolean | null;
  aiRedactPii?: boolean | null;
  autoClose?: {
    positiveMinutes?: number | null;
    negativeMinutes?: number | null;
    returnToBot?: boolean | null;
  } | null;
  visibleDays?: number | null;
  apiKeysRequireSafelist?: boolean | null;
  assignment?: {
    policy?: AssignmentPolicy | null;
    defaultCapacity?: number | null;
    order?: AssignmentOrder | null;
  } | null;
  outOfOfficeMessage?: string | null;
}

export const OUT_OF_OFFICE_MAX = 1000;

/** True when the runtime knows the IANA zone (`America/Bogota`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkRange(value: number, min: number, max: number, field: string[], what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `${what} must be a whole number from ${min} to ${max}.`,
      field,
    );
  }
  return value;
}

/**
 * Changes only what the input names (null or absent leaves a setting as it is) and returns the
 * workspace as stored.
 */
export async function updateSettings(caller: Caller, input: SettingsUpdateValues): Promise<Workspace> {
  const changes: Partial<Workspace> = {};
  if (input.locale != null) changes.locale = input.locale;
  if (input.timezone != null) {
    const zone = input.timezone.trim();
    if (!isTimeZone(zone)) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `"${shown(input.timezone)}" is not an IANA time zone, e.g. America/Bogota or UTC.`,
        ['input', 'timezone'],
      );
    }
    // The runtime's canonical spelling (`america/bogota` → `America/Bogota`).
    changes.timezone = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  }
  if (input.botEnabled != null) changes.botEnabled = input.botEnabled;
  if (input.readReceipts != null) changes.readReceipts = input.readReceipts;
  if (input.aiSummaryEnabled != null) changes.aiSummaryEnabled = input.aiSummaryEnabled;
  if (input.aiSuggestionsEnabled != null) changes.aiSuggestionsEnabled = input.aiSuggestionsEnabled;
  if (input.aiRedactPii != null) changes.aiRedactPii = input.aiRedactPii;
  if (input.apiKeysRequireSafelist != null) changes.apiKeysRequireSafelist = input.apiKeysRequireSafelist;
  if (input.outOfOfficeMessage != null) {
    const text = input.outOfOfficeMessage.trim();
    if (text.length > OUT_OF_OFFICE_MAX) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `The out-of-office reply is longer than ${OUT_OF_OFFICE_MAX} characters.`,
        ['input', 'outOfOfficeMessage'],
      );
    }
    changes.outOfOfficeMessage = text === '' ? null : text;
  }
  const autoClose = input.autoClose;
  if (autoClose?.positiveMinutes != null) {
    changes.autoClosePositiveMinutes = checkRange(
      autoClose.positiveMinutes,
      0,
      AUTO_CLOSE_MAX_MINUTES,
      ['input', 'autoClose', 'positiveMinutes'],
      'The delay after a POSITIVE outcome (minutes)',
    );
  }
  if (autoClose?.negativeMinutes != null) {
    changes.autoCloseNegativeMinutes = checkRange(
      autoClose.negativeMinutes,
      0,
      AUTO_CLOSE_MAX_MINUTES,
      ['input', 'autoClose', 'negativeMinutes'],
      'The delay after a NEGATIVE outcome (minutes)',
    );
  }
  if (autoClose?.returnToBot != null) changes.autoCloseReturnToBot = autoClose.returnToBot;
  if (input.visibleDays != null) {
    changes.visibleDays = checkRange(
      input.visibleDays,
      1,
      VISIBLE_DAYS_MAX,
      ['input', 'visibleDays'],
      'visibleDays',
    );
  }
  const assignment = input.assignment;
  if (assignment?.policy != null) changes.assignmentPolicy = assignment.policy;
  if (assignment?.order != null) changes.assignmentOrder = assignment.order;
  if (assignment?.defaultCapacity != null) {
    changes.defaultCapacity = checkRange(
      assignment.defaultCapacity,
      0,
      CAPACITY_MAX,
      ['input', 'assignment', 'defaultCapacity'],
      'The default capacity',
    );
  }
  const workspaceId = caller.viewer.workspaceId;
  const workspace = await inTransaction(caller.deps, workspaceId, async (uow) => {
    const repository = uow.manager.getRepository(Workspace);
    const before = await repository.findOneByOrFail({ id: workspaceId });
    if (Object.keys(changes).length > 0) await repository.update({ id: workspaceId }, changes);
    const after = await repository.findOneByOrFail({ id: workspaceId });
    const changed = changesOf(before, after, Object.keys(changes) as (keyof Workspace & string)[]);
    // A new policy, order or capacity: automatic assignment looks at the queue again.
    if (['assignmentPolicy', 'assignmentOrder', 'defaultCapacity'].some((key) => key in changed)) {
      uow.requestQueueDrain();
    }
    await recordAudit(uow, caller, {
      action: AuditAction.SETTINGS_UPDATED,
      targetType: 'Workspace',
      targetId: workspaceId,
      changes: changed,
    });
    return after;
  });
  // The rest of this request reads the new settings too.
  Object.assign(caller.viewer.workspace, changes);
  return workspace;
}
