import { In, type EntityManager } from 'typeorm';
import { AuditAction } from '../../entities/audit-entry.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { type Priority } from '../../entities/enums';
import { SlaPolicy } from '../../entities/sla-policy.entity';
import { Tag } from '../../entities/tag.entity';
import { Team } from '../../entities/team.entity';
import { changesOf, recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { BusinessRuleError, notFound, UserErrorCode } from '../errors';
import { ownedRow } from '../owned-row';
import { pageOfList, type PageRequest } from '../paging';
import { inTransaction } from '../unit-of-work';

export const SLA_POLICIES_MAX = 100;
export const NAME_MAX = 100;
/** The longest target: 90 days of (business) time. */
export const TARGET_SECONDS_MAX = 90 * 24 * 3600;
const CONDITION_IDS_MAX = 100;

export interface SlaConditionsValues {
  channelAccountIds?: string[] | null;
  teamIds?: string[] | null;
  priorities?: Priority[] | null;
  tagIds?: string[] | null;
}

export interface SlaPolicyValues {
  name?: string | null;
  position?: number | null;
  conditions?: SlaConditionsValues | null;
  firstResponseSeconds?: number | null;
  nextResponseSeconds?: number | null;
  resolutionSeconds?: number | null;
  businessHoursOnly?: boolean | null;
}

const AUDITED = [
  'name',
  'position',
  'channelAccountIds',
  'teamIds',
  'priorities',
  'tagIds',
  'firstResponseSeconds',
  'nextResponseSeconds',
  'resolutionSeconds',
  'businessHoursOnly',
] as const;

function invalid(message: string, field: string[]): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, field);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_MAX) {
    throw invalid(`The policy name must be 1 to ${NAME_MAX} characters.`, ['input', 'name']);
  }
  return trimmed;
}

function checkSeconds(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1 || value > TARGET_SECONDS_MAX) {
    throw invalid(`${key} must be a whole number of seconds from 1 to ${TARGET_SECONDS_MAX} (90 days).`, [
      'input',
      key,
    ]);
  }
  return value;
}

/** Condition ids must name rows of the caller's workspace: another's reads as one that does not exist. */
async function ownedIds(
  manager: EntityManager,
  workspaceId: string,
  entity: typeof ChannelAccount | typeof Team | typeof Tag,
  ids: string[],
  key: string,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > CONDITION_IDS_MAX) {
    throw invalid(`At most ${CONDITION_IDS_MAX} ids per condition.`, ['input', 'conditions', key]);
  }
  if (unique.length === 0) return [];
  const found = await manager.getRepository(entity).count({ where: { id: In(unique), workspaceId } });
  if (found !== unique.length) throw notFound(entity.name);
  return unique;
}

/** Applies what the input names to the policy (absent or null leaves a value as it is). */
async function apply(
  manager: EntityManager,
  workspaceId: string,
  policy: SlaPolicy,
  input: SlaPolicyValues,
  clear: { firstResponse?: boolean; nextResponse?: boolean; resolution?: boolean } = {},
): Promise<void> {
  if (input.name != null) policy.name = checkName(input.name);
  const conditions = input.conditions;
  if (conditions?.channelAccountIds != null) {
    policy.channelAccountIds = await ownedIds(
      manager,
      workspaceId,
      ChannelAccount,
      conditions.channelAccountIds,
      'channelAccountIds',
    );
  }
  if (conditions?.teamIds != null) {
    policy.teamIds = await ownedIds(manager, workspaceId, Team, conditions.teamIds, 'teamIds');
  }
  if (conditions?.tagIds != null) {
    policy.tagIds = await ownedIds(manager, workspaceId, Tag, conditions.tagIds, 'tagIds');
  }
  if (conditions?.priorities != null) policy.priorities = [...new Set(conditions.priorities)];
  if (input.firstResponseSeconds != null) {
    policy.firstResponseSeconds = checkSeconds(input.firstResponseSeconds, 'firstResponseSeconds');
  } else if (clear.firstResponse) policy.firstResponseSeconds = null;
  if (input.nextResponseSeconds != null) {
    policy.nextResponseSeconds = checkSeconds(input.nextResponseSeconds, 'nextResponseSeconds');
  } else if (clear.nextResponse) policy.nextResponseSeconds = null;
  if (input.resolutionSeconds != null) {
    policy.resolutionSeconds = checkSeconds(input.resolutionSeconds, 'resolutionSeconds');
  } else if (clear.resolution) policy.resolutionSeconds = null;
  if (input.businessHoursOnly != null) policy.businessHoursOnly = input.businessHoursOnly;
  if (
    policy.firstResponseSeconds === null &&
    policy.nextResponseSeconds === null &&
    policy.resolutionSeconds === null
  ) {
    throw invalid(
      'A policy needs at least one target: firstResponseSeconds, nextResponseSeconds or resolutionSeconds.',
      ['input', 'firstResponseSeconds'],
    );
  }
}

/**
 * Puts `policy` at `position` (1-based, clamped to the list) and numbers the workspace's policies
 * 1…n again, in one order that every writer sees under the workspace's policy lock.
 */
async function placeAt(
  manager: EntityManager,
  workspaceId: string,
  policy: SlaPolicy,
  position: number | null | undefined,
): Promise<SlaPolicy> {
  const others = (
    await manager.find(SlaPolicy, { where: { workspaceId }, order: { position: 'ASC', createdAt: 'ASC' } })
  ).filter((other) => other.id !== policy.id);
  if (position != null && (!Number.isInteger(position) || position < 1)) {
    throw invalid('position must be a whole number from 1.', ['input', 'position']);
  }
  const current = others.findIndex((other) => other.position >= policy.position);
  const index =
    position != null
      ? Math.min(position - 1, others.length)
      : policy.id
        ? current === -1
          ? others.length
          : current
        : others.length;
  others.splice(index, 0, policy);
  let saved = policy;
  for (const [offset, row] of others.entries()) {
    const wanted = offset + 1;
    if (row === policy) {
      policy.position = wanted;
      saved = await manager.save(policy);
    } else if (row.position !== wanted) {
      await manager.update(SlaPolicy, { id: row.id }, { position: wanted });
    }
  }
  return saved;
}

/** Serialises writers of one workspace's policy list (their positions). */
async function lockPolicies(manager: EntityManager, workspaceId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sla-policy:' || $1))`, [workspaceId]);
}

export async function createSlaPolicy(caller: Caller, input: SlaPolicyValues): Promise<SlaPolicy> {
  const workspaceId = caller.viewer.workspaceId;
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    await lockPolicies(uow.manager, workspaceId);
    const count = await uow.manager.count(SlaPolicy, { where: { workspaceId } });
    if (count >= SLA_POLICIES_MAX) {
      throw invalid(`A workspace has at most ${SLA_POLICIES_MAX} SLA policies.`, ['input']);
    }
    const policy = uow.manager.create(SlaPolicy, {
      workspaceId,
      name: checkName(input.name ?? ''),
      position: count + 1,
      channelAccountIds: [],
      teamIds: [],
      priorities: [],
      tagIds: [],
      firstResponseSeconds: null,
      nextResponseSeconds: null,
      resolutionSeconds: null,
      businessHoursOnly: true,
    });
    await apply(uow.manager, workspaceId, policy, input);
    const saved = await placeAt(uow.manager, workspaceId, policy, input.position);
    await recordAudit(uow, caller, {
      action: AuditAction.SLA_POLICY_CREATED,
      targetType: 'SlaPolicy',
      targetId: saved.id,
      changes: changesOf(null, saved, AUDITED),
    });
    return saved;
  });
}

export async function updateSlaPolicy(
  caller: Caller,
  input: SlaPolicyValues & {
    slaPolicyId: string;
    clearFirstResponse?: boolean | null;
    clearNextResponse?: boolean | null;
    clearResolution?: boolean | null;
  },
): Promise<SlaPolicy> {
  const workspaceId = caller.viewer.workspaceId;
  const found = await ownedRow(caller, SlaPolicy, input.slaPolicyId);
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    await lockPolicies(uow.manager, workspaceId);
    const policy = await uow.manager.findOneByOrFail(SlaPolicy, { id: found.id, workspaceId });
    const before = { ...policy };
    await apply(uow.manager, workspaceId, policy, input, {
      firstResponse: input.clearFirstResponse ?? false,
      nextResponse: input.clearNextResponse ?? false,
      resolution: input.clearResolution ?? false,
    });
    const saved = await placeAt(uow.manager, workspaceId, policy, input.position);
    await recordAudit(uow, caller, {
      action: AuditAction.SLA_POLICY_UPDATED,
      targetType: 'SlaPolicy',
      targetId: saved.id,
      changes: changesOf(before, saved, AUDITED),
    });
    return saved;
  });
}

/**
 * Deletes a policy: open conversations it applied to lose their due times (no breach is recorded
 * for them any more) until their next change picks the next matching policy.
 */
export async function deleteSlaPolicy(caller: Caller, slaPolicyId: string): Promise<string> {
  const workspaceId = caller.viewer.workspaceId;
  const found = await ownedRow(caller, SlaPolicy, slaPolicyId);
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    await lockPolicies(uow.manager, workspaceId);
    await uow.manager.query(
      `UPDATE conversation SET sla_policy_id = NULL,
              sla_first_response_due_at = CASE WHEN sla_first_response_at IS NULL THEN NULL ELSE sla_first_response_due_at END,
              sla_next_response_due_at = NULL, sla_resolution_due_at = NULL
        WHERE workspace_id = $1 AND sla_policy_id = $2 AND status = 'OPEN'`,
      [workspaceId, found.id],
    );
    await uow.manager.delete(SlaPolicy, { id: found.id, workspaceId });
    const rest = await uow.manager.find(SlaPolicy, {
      where: { workspaceId },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    for (const [offset, row] of rest.entries()) {
      if (row.position !== offset + 1)
        await uow.manager.update(SlaPolicy, { id: row.id }, { position: offset + 1 });
    }
    await recordAudit(uow, caller, {
      action: AuditAction.SLA_POLICY_DELETED,
      targetType: 'SlaPolicy',
      targetId: found.id,
      changes: changesOf(found, null, AUDITED),
    });
    return found.id;
  });
}

/** The workspace's policies in evaluation order. */
export async function listSlaPolicies(caller: Caller, page: PageRequest) {
  const rows = await caller.deps.dataSource.getRepository(SlaPolicy).find({
    where: { workspaceId: caller.viewer.workspaceId },
    order: { position: 'ASC', createdAt: 'ASC' },
    take: SLA_POLICIES_MAX,
  });
  return pageOfList(rows, page);
}

/** Breaches recorded in [from, to) per agent (`by: 'agent'`) or team, for the ids asked. */
export async function breachCounts(
  manager: EntityManager,
  workspaceId: string,
  by: 'agent' | 'team',
  ids: readonly string[],
  range: { from: Date | null; to: Date | null },
): Promise<Map<string, number>> {
  const column = by === 'agent' ? 'agent_id' : 'team_id';
  const rows = (await manager.query(
    `SELECT ${column} AS id, count(*)::int AS n FROM sla_breach
      WHERE workspace_id = $1 AND ${column} = ANY($2::uuid[])
        AND ($3::timestamptz IS NULL OR due_at >= $3) AND ($4::timestamptz IS NULL OR due_at < $4)
      GROUP BY ${column}`,
    [workspaceId, ids, range.from, range.to],
  )) as { id: string; n: number }[];
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.id, row.n);
  return counts;
}
