import { QueryFailedError } from 'typeorm';
import { CannedResponse } from '../../entities/canned-response.entity';
import { Attachment } from '../../entities/attachment.entity';
import { AuditAction } from '../../entities/audit-entry.entity';
import { AttachmentStatus, CannedScope } from '../../entities/enums';
import { Customer } from '../../entities/customer.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { Team } from '../../entities/team.entity';
import { toGlobalId } from '../../entities/global-id';
import { changesOf, recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { readableConversation } from '../conversation/conversation-visibility';
import { readableAttachmentSql } from '../media/attachment-visibility';
import { BusinessRuleError, forbidden, notFound, UserErrorCode } from '../errors';
import { isRowId } from '../owned-row';
import { paginate, type PageRequest } from '../paging';
import { escapeLike } from '../search/search-query';
import { inTransaction } from '../unit-of-work';
import { mayManageScoped, whereScopedReadable } from './scoped-access';
import { assertKnownVariables, renderVariables } from './canned-variables';

/** What the audit log shows of a canned response. */
const AUDITED = ['scope', 'teamId', 'ownerId', 'shortcode', 'title', 'body', 'attachmentIds'] as const;
const SHORTCODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const TITLE_MAX = 100;
const BODY_MAX = 4096;
const MAX_ATTACHMENTS = 10;
const UNIQUE_VIOLATION = '23505';

function invalid(message: string, field: string): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, ['input', field]);
}

/** Shortcodes are typed after a slash: 1–32 lower-case letters, digits, `-` and `_` ("/" and case ignored). */
export function checkShortcode(raw: string): string {
  const shortcode = raw.trim().replace(/^\//, '').toLowerCase();
  if (!SHORTCODE.test(shortcode)) {
    throw invalid(
      'A shortcode is 1 to 32 letters, digits, "-" or "_", starting with a letter or digit (e.g. "refund-policy").',
      'shortcode',
    );
  }
  return shortcode;
}

function checkTitle(raw: string): string {
  const title = raw.trim();
  if (!title || title.length > TITLE_MAX)
    throw invalid(`The title must be 1 to ${TITLE_MAX} characters.`, 'title');
  return title;
}

function checkBody(raw: string): string {
  const body = raw.trim();
  if (!body || body.length > BODY_MAX) throw invalid(`The text must be 1 to ${BODY_MAX} characters.`, 'body');
  assertKnownVariables(body, ['input', 'body']);
  return body;
}

/** Uploads the caller may read (its own, or any for admins), READY, in the order given. */
async function checkAttachments(caller: Caller, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_ATTACHMENTS) {
    throw invalid(`A canned response has at most ${MAX_ATTACHMENTS} attachments.`, 'attachmentIds');
  }
  if (unique.length === 0) return [];
  if (!unique.every(isRowId)) throw notFound('Attachment');
  const rule = readableAttachmentSql(caller, 'a');
  const found = await caller.deps.dataSource
    .getRepository(Attachment)
    .createQueryBuilder('a')
    .where('a.id = ANY(:ids)', { ids: unique })
    .andWhere(rule.sql, rule.parameters)
    .getMany();
  if (found.length !== unique.length) throw notFound('Attachment');
  const notReady = found.find((attachment) => attachment.status !== AttachmentStatus.READY);
  if (notReady) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      `Attachment ${notReady.globalId} is ${notReady.status}: only a stored (READY) file can be kept with a canned response.`,
      ['input', 'attachmentIds'],
    );
  }
  return unique;
}

function duplicateShortcode(shortcode: string): BusinessRuleError {
  return new BusinessRuleError(
    UserErrorCode.DUPLICATE,
    `The shortcode "${shortcode}" is already taken in this scope.`,
    ['input', 'shortcode'],
  );
}

/** The unique index on (scope, its team or owner, shortcode) decides between concurrent writers. */
async function saveChecked(
  caller: Caller,
  response: CannedResponse,
  before: CannedResponse | null,
  action: AuditAction,
): Promise<CannedResponse> {
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    let saved: CannedResponse;
    try {
      saved = await uow.manager.transaction((manager) =>
        manager.getRepository(CannedResponse).save(response),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw duplicateShortcode(response.shortcode);
      }
      throw error;
    }
    await recordAudit(uow, caller, {
      action,
      targetType: 'CannedResponse',
      targetId: saved.id,
      changes: changesOf(before, saved, AUDITED),
    });
    return saved;
  });
}

export interface CannedResponseCreate {
  scope: CannedScope;
  /** The team of a TEAM response (required then, refused otherwise). */
  teamId?: string | null;
  shortcode: string;
  title?: string | null;
  body: string;
  attachmentIds?: string[] | null;
}

export async function createCannedResponse(
  caller: Caller,
  input: CannedResponseCreate,
): Promise<CannedResponse> {
  const { viewer } = caller;
  const shortcode = checkShortcode(input.shortcode);
  const body = checkBody(input.body);
  const title = checkTitle(input.title ?? shortcode);
  let teamId: string | null = null;
  let ownerId: string | null = null;
  if (input.scope === CannedScope.TEAM) {
    if (!input.teamId) throw invalid('A TEAM canned response names its team (`teamId`).', 'teamId');
    const team = await caller.deps.dataSource
      .getRepository(Team)
      .findOne({ where: { id: input.teamId, workspaceId: viewer.workspaceId } });
    if (!team) throw notFound('Team');
    teamId = team.id;
  } else if (input.teamId) {
    throw invalid('Only a TEAM canned response has a team.', 'teamId');
  }
  if (input.scope === CannedScope.PERSONAL) {
    if (viewer.principal.kind !== 'agent') {
      throw invalid('A PERSONAL canned response belongs to an agent: an API key cannot own one.', 'scope');
    }
    ownerId = viewer.principal.agent.id;
  }
  if (!mayManageScoped(viewer, { scope: input.scope, teamId, ownerId })) {
    throw forbidden(
      input.scope === CannedScope.WORKSPACE
        ? 'Only admins create canned responses for the whole workspace.'
        : 'Only members of the team (or admins) create its canned responses.',
    );
  }
  const attachmentIds = await checkAttachments(caller, input.attachmentIds ?? []);
  const response = caller.deps.dataSource.getRepository(CannedResponse).create({
    workspaceId: viewer.workspaceId,
    scope: input.scope,
    teamId,
    ownerId,
    shortcode,
    title,
    body,
    attachmentIds,
  });
  return saveChecked(caller, response, null, AuditAction.CANNED_RESPONSE_CREATED);
}

/** A canned response the caller may see, by database id; NOT_FOUND otherwise (hidden reads like absent). */
export async function readableCannedResponseOrNull(
  caller: Caller,
  id: string,
): Promise<CannedResponse | null> {
  if (!isRowId(id)) return null;
  const query = caller.deps.dataSource
    .getRepository(CannedResponse)
    .createQueryBuilder('cr')
    .where('cr.id = :id', { id });
  return whereScopedReadable(query, caller.viewer, 'cr').getOne();
}

export async function readableCannedResponse(caller: Caller, id: string): Promise<CannedResponse> {
  const response = await readableCannedResponseOrNull(caller, id);
  if (!response) throw notFound('CannedResponse');
  return response;
}

/** One the caller may see and change: seen but not theirs to change is FORBIDDEN. */
async function manageable(caller: Caller, id: string): Promise<CannedResponse> {
  const response = await readableCannedResponse(caller, id);
  if (!mayManageScoped(caller.viewer, response)) {
    throw forbidden(
      response.scope === CannedScope.WORKSPACE
        ? "Only admins change the workspace's canned responses."
        : "Only the team's members (or admins) change its canned responses.",
    );
  }
  return response;
}

export interface CannedResponseUpdate {
  cannedResponseId: string;
  shortcode?: string | null;
  title?: string | null;
  body?: string | null;
  attachmentIds?: string[] | null;
}

/** Absent or null leaves a property as it is; the scope stays (create another to move one). */
export async function updateCannedResponse(
  caller: Caller,
  input: CannedResponseUpdate,
): Promise<CannedResponse> {
  const response = await manageable(caller, input.cannedResponseId);
  const before = Object.assign(new CannedResponse(), response);
  if (input.shortcode != null) response.shortcode = checkShortcode(input.shortcode);
  if (input.title != null) response.title = checkTitle(input.title);
  if (input.body != null) response.body = checkBody(input.body);
  if (input.attachmentIds != null)
    response.attachmentIds = await checkAttachments(caller, input.attachmentIds);
  return saveChecked(caller, response, before, AuditAction.CANNED_RESPONSE_UPDATED);
}

export async function deleteCannedResponse(caller: Caller, id: string): Promise<string> {
  const response = await manageable(caller, id);
  await inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    await uow.manager.delete(CannedResponse, { id: response.id, workspaceId: caller.viewer.workspaceId });
    await recordAudit(uow, caller, {
      action: AuditAction.CANNED_RESPONSE_DELETED,
      targetType: 'CannedResponse',
      targetId: response.id,
      changes: changesOf(response, null, AUDITED),
    });
  });
  return response.globalId;
}

const CANNED_ORDER = {
  column: 'cr.shortcode',
  idColumn: 'cr.id',
  table: 'canned_response',
  tableColumn: 'shortcode',
  direction: 'ASC' as const,
};

/** Folded text of a canned response as `canned_response_text_search_idx` holds it. */
const FOLDED_TEXT = "omnitray_fold(cr.title || ' ' || cr.body)";
const SEARCH_MAX = 200;

/**
 * The canned responses the caller sees, by shortcode. `search` (a leading "/" ignored) matches a
 * shortcode by its prefix, or the folded title and text by substring (accents and case ignored);
 * both through their indexes.
 */
export function listCannedResponses(caller: Caller, search: string | null | undefined, page: PageRequest) {
  const query = whereScopedReadable(
    caller.deps.dataSource.getRepository(CannedResponse).createQueryBuilder('cr'),
    caller.viewer,
    'cr',
  );
  const text = (search ?? '').trim().replace(/\s+/g, ' ');
  if (text.length > SEARCH_MAX)
    throw invalid(`\`search\` may have at most ${SEARCH_MAX} characters.`, 'search');
  if (text) {
    const prefix = text.replace(/^\//, '').toLowerCase();
    const conditions = ['cr.shortcode LIKE :cannedPrefix'];
    // Fewer than three characters have no trigram to look up: such a search is a shortcode prefix only.
    if (text.length >= 3) conditions.push(`${FOLDED_TEXT} LIKE '%' || omnitray_fold(:cannedText) || '%'`);
    query.andWhere(`(${conditions.join(' OR ')})`, {
      cannedPrefix: `${escapeLike(prefix)}%`,
      cannedText: escapeLike(text),
    });
  }
  return paginate(query, CANNED_ORDER, page, caller.viewer.workspaceId);
}

export interface RenderedCannedResponse {
  response: CannedResponse;
  text: string;
}

/**
 * Fills the variables of a canned response for one conversation the caller may read: the
 * customer's name and custom fields, the calling agent's name and the conversation's global id.
 * Any it cannot fill is MISSING_VARIABLE naming each (`field`: `["variables", …names]`).
 */
export async function renderCannedResponse(
  caller: Caller,
  input: { cannedResponseId: string; conversationId: string },
): Promise<RenderedCannedResponse> {
  const response = await readableCannedResponse(caller, input.cannedResponseId);
  const conversation = await readableConversation(caller, input.conversationId);
  const text = await renderForConversation(caller, response.body, conversation);
  return { response, text };
}

/** Fills a text's variables for a conversation (canned responses and macros alike). */
export async function renderForConversation(
  caller: Caller,
  text: string,
  conversation: { id: string; customerId: string },
): Promise<string> {
  const { dataSource } = caller.deps;
  const customer = await dataSource
    .getRepository(Customer)
    .findOne({ where: { id: conversation.customerId, workspaceId: caller.viewer.workspaceId } });
  const rows = (await dataSource
    .getRepository(CustomerFieldValue)
    .createQueryBuilder('v')
    .innerJoin(CustomField, 'f', 'f.id = v.field_id')
    .select(['f.key AS key', 'v.value AS value'])
    .where('v.customer_id = :customerId AND v.workspace_id = :workspaceId', {
      customerId: conversation.customerId,
      workspaceId: caller.viewer.workspaceId,
    })
    .getRawMany()) as { key: string; value: unknown }[];
  const principal = caller.viewer.principal;
  return renderVariables(text, {
    customerName: customer?.name ?? null,
    fields: new Map(rows.map((row) => [row.key, String(row.value)])),
    agentName: principal.kind === 'agent' ? principal.agent.name : null,
    conversationId: toGlobalId('Conversation', conversation.id),
  });
}
