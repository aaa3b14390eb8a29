import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { Agent } from '../../entities/agent.entity';
import {
  Campaign,
  type CampaignButtonValue,
  CampaignComponent,
  type CampaignHeaderMedia,
  CampaignStatus,
  type CampaignVariable,
} from '../../entities/campaign.entity';
import {
  CampaignRecipient,
  CampaignRecipientStatus,
  RecipientStage,
} from '../../entities/campaign-recipient.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { CustomField } from '../../entities/custom-field.entity';
import { Message, type MessageError } from '../../entities/message.entity';
import { Tag } from '../../entities/tag.entity';
import { Template } from '../../entities/template.entity';
import { AttachmentStatus, CustomFieldType, MessageStatus, TemplateStatus } from '../../entities/enums';
import { readableAttachment } from '../media/attachment-visibility';
import { JobName } from '../../runtime/job-queue';
import { BusinessRuleError, UserErrorCode, notFound } from '../errors';
import { type Caller } from '../caller';
import { emitCampaignProgress } from './campaign-tracking';
import { changeMessageStatus } from '../message/message-status.service';
import { placeholdersOf, renderTemplate, type TemplateParameters } from '../template/template.service';
import { inTransaction } from '../unit-of-work';
import { boundedText, shown, TEXT_LIMITS } from '../text-limits';

/** Customer header fields a placeholder may read besides custom fields. */
export const HEADER_FIELDS = ['name', 'phone'] as const;

/** Largest explicit customer list one campaign takes (tags have no limit). */
export const MAX_LISTED_CUSTOMERS = 10_000;

export interface CampaignVariableValues {
  component?: CampaignComponent | null;
  placeholder: string;
  value?: string | null;
  field?: string | null;
}

export interface CampaignCreateValues {
  name: string;
  /** Database ids from here on. */
  channelAccountId: string;
  templateId: string;
  tagIds: string[];
  customerIds: string[];
  variables: CampaignVariableValues[];
  startAt?: Date | null;
  assigneeId?: string | null;
  optOutTagId?: string | null;
  optOutFieldKey?: string | null;
  /** An image, video or document header: an upload (database id) or an https link. */
  headerMedia?: { attachmentId?: string | null; link?: string | null } | null;
  /** Fixed values of the template's buttons, the same for every recipient. */
  buttons?: CampaignButtonValue[] | null;
}

/** What fills a campaign's template besides its placeholders. */
type TemplateExtras = Pick<Campaign, 'headerMedia' | 'buttons'>;

const invalid = (message: string, field: string[]) =>
  new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, field);

function componentText(template: Template, component: CampaignComponent): string | null {
  const found = template.components.find((item) => String(item.type).toUpperCase() === component);
  return typeof found?.text === 'string' ? found.text : null;
}

/** Every placeholder of the template gets exactly one variable, fixed or read from a known field. */
async function checkVariables(
  manager: EntityManager,
  workspaceId: string,
  template: Template,
  given: CampaignVariableValues[],
  extras: TemplateExtras,
): Promise<CampaignVariable[]> {
  const fieldKeys = new Set(
    (await manager.find(CustomField, { where: { workspaceId }, select: { key: true } })).map(
      (field) => field.key,
    ),
  );
  const variables = given.map((variable, index) => {
    const path = ['input', 'variables', String(index)];
    const hasValue = typeof variable.value === 'string' && variable.value.trim() !== '';
    const hasField = typeof variable.field === 'string' && variable.field.trim() !== '';
    if (hasValue === hasField) throw invalid('Give either a fixed `value` or a customer `field`.', path);
    if (hasValue && variable.value!.length > TEXT_LIMITS.templateParameter) {
      throw invalid(`A fixed value must be at most ${TEXT_LIMITS.templateParameter} characters.`, [
        ...path,
        'value',
      ]);
    }
    const field = hasField ? variable.field!.trim() : null;
    if (field && !(HEADER_FIELDS as readonly string[]).includes(field) && !fieldKeys.has(field)) {
      throw invalid(`No customer field \`${shown(field)}\`: use name, phone or a custom field key.`, [
        ...path,
        'field',
      ]);
    }
    return {
      component: variable.component ?? CampaignComponent.BODY,
      placeholder: variable.placeholder.trim(),
      value: hasValue ? variable.value! : null,
      field,
    };
  });
  const wanted: string[] = [];
  for (const component of [CampaignComponent.HEADER, CampaignComponent.BODY]) {
    const text = componentText(template, component);
    for (const placeholder of text ? placeholdersOf(text) : []) wanted.push(`${component}:${placeholder}`);
  }
  const seen = variables.map((variable) => `${variable.component}:${variable.placeholder}`);
  const missing = wanted.filter((key) => !seen.includes(key));
  const extra = seen.filter((key, index) => !wanted.includes(key) || seen.indexOf(key) !== index);
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing a variable for ${missing.map((key) => `{{${key}}}`).join(', ')}` : '',
      extra.length > 0 ? `no such placeholder or given twice: ${extra.join(', ')}` : '',
    ].filter(Boolean);
    throw new BusinessRuleError(
      UserErrorCode.TEMPLATE_PARAMETERS_INVALID,
      `Template ${template.name}: ${parts.join('; ')}.`,
      ['input', 'variables'],
    );
  }
  // A trial render with stand-ins proves the parameters fit the template before anything is stored.
  try {
    renderTemplate(
      template,
      parametersFor(template, { variables, ...extras }, () => 'x'),
    );
  } catch (error) {
    // The template's own checks name templateSend's `parameters`; a campaign takes these at the top.
    if (error instanceof BusinessRuleError && error.field?.[1] === 'parameters') {
      throw new BusinessRuleError(error.code, error.message, ['input', ...error.field.slice(2)]);
    }
    throw error;
  }
  return variables;
}

/** The template parameters of one recipient; `valueOf` reads a customer field (null: missing). */
export function parametersFor(
  template: Template,
  campaign: Pick<Campaign, 'variables'> & TemplateExtras,
  valueOf: (field: string) => string | null,
): TemplateParameters {
  const { variables } = campaign;
  const media = campaign.headerMedia;
  const extras: Pick<TemplateParameters, 'headerMedia' | 'buttons'> = {
    headerMedia: media
      ? {
          attachment:
            media.attachmentId && media.kind
              ? { id: media.attachmentId, kind: media.kind, fileName: media.fileName }
              : null,
          link: media.link,
        }
      : null,
    buttons: campaign.buttons.length > 0 ? campaign.buttons : null,
  };
  const resolve = (variable: CampaignVariable) =>
    variable.value ?? (variable.field ? (valueOf(variable.field) ?? '') : '');
  if (template.parameterFormat === 'NAMED') {
    return {
      named: variables.map((variable) => ({ name: variable.placeholder, value: resolve(variable) })),
      ...extras,
    };
  }
  const ordered = (component: CampaignComponent) => {
    const text = componentText(template, component);
    if (!text) return null;
    return placeholdersOf(text).map((placeholder) =>
      resolve(variables.find((item) => item.component === component && item.placeholder === placeholder)!),
    );
  };
  return { header: ordered(CampaignComponent.HEADER), body: ordered(CampaignComponent.BODY), ...extras };
}

/** The header file and button values of a new campaign; an upload must be READY and the caller's to read. */
async function templateExtras(caller: Caller, input: CampaignCreateValues): Promise<TemplateExtras> {
  const given = input.headerMedia;
  let headerMedia: CampaignHeaderMedia | null = null;
  if (given && (given.attachmentId || given.link)) {
    const attachment = given.attachmentId ? await readableAttachment(caller, given.attachmentId) : null;
    if (attachment && attachment.status !== AttachmentStatus.READY) {
      throw new BusinessRuleError(
        UserErrorCode.ATTACHMENT_NOT_SENDABLE,
        `${attachment.fileName ?? 'The attachment'} is ${attachment.status}: only READY uploads can be sent.`,
        ['input', 'headerMedia', 'attachmentId'],
      );
    }
    headerMedia = {
      attachmentId: attachment?.id ?? null,
      kind: attachment?.kind ?? null,
      fileName: attachment?.fileName ?? null,
      link: given.link ?? null,
    };
  }
  return {
    headerMedia,
    buttons: (input.buttons ?? []).map((button) => ({
      index: button.index,
      text: button.text ?? null,
      payload: button.payload ?? null,
    })),
  };
}

/**
 * Creates a campaign and its recipients in one transaction: one row per customer of the audience
 * (listed customers and customers with any of the tags, on the campaign's channel account), and
 * schedules its first tick. Nothing is sent here.
 */
export async function createCampaign(caller: Caller, input: CampaignCreateValues): Promise<Campaign> {
  const { deps, viewer } = caller;
  const workspaceId = viewer.workspaceId;
  const name = boundedText(input.name, TEXT_LIMITS.name, 'The campaign name', ['input', 'name']);
  if (input.tagIds.length === 0 && input.customerIds.length === 0) {
    throw invalid('Choose the audience: tags, customers or both.', ['input', 'audience']);
  }
  if (input.customerIds.length > MAX_LISTED_CUSTOMERS) {
    throw invalid(`At most ${MAX_LISTED_CUSTOMERS} listed customers; use tags for larger audiences.`, [
      'input',
      'audience',
      'customerIds',
    ]);
  }

  return inTransaction(deps, workspaceId, async (uow) => {
    const manager = uow.manager;
    const account = await manager.findOne(ChannelAccount, {
      where: { id: input.channelAccountId, workspaceId },
    });
    if (!account) throw notFound('ChannelAccount');
    const template = await manager.findOne(Template, { where: { id: input.templateId, workspaceId } });
    if (!template) throw notFound('Template');
    if (template.channelAccountId !== account.id) {
      throw invalid('The template belongs to another channel account.', ['input', 'templateId']);
    }
    if (template.status !== TemplateStatus.APPROVED) {
      throw new BusinessRuleError(
        UserErrorCode.TEMPLATE_NOT_APPROVED,
        `Template ${template.name} is ${template.status}; only APPROVED templates can be sent.`,
        ['input', 'templateId'],
      );
    }
    const extras = await templateExtras(caller, input);
    const variables = await checkVariables(manager, workspaceId, template, input.variables, extras);

    if (input.assigneeId) {
      const agent = await manager.findOne(Agent, { where: { id: input.assigneeId, workspaceId } });
      if (!agent) throw notFound('Agent');
      if (!agent.active) {
        throw new BusinessRuleError(UserErrorCode.AGENT_INACTIVE, `${agent.name} is deactivated.`, [
          'input',
          'assigneeId',
        ]);
      }
    }
    const tagIds = [...new Set([...input.tagIds, ...(input.optOutTagId ? [input.optOutTagId] : [])])];
    if (tagIds.length > 0) {
      const found = await manager.count(Tag, { where: tagIds.map((id) => ({ id, workspaceId })) });
      if (found !== tagIds.length) throw notFound('Tag');
    }
    if (input.optOutFieldKey) {
      const field = await manager.findOne(CustomField, { where: { workspaceId, key: input.optOutFieldKey } });
      if (!field || field.type !== CustomFieldType.BOOLEAN) {
        throw invalid('The opt-out field must be a BOOLEAN custom field.', ['input', 'optOut', 'fieldKey']);
      }
    }
    const customerIds = [...new Set(input.customerIds)];
    if (customerIds.length > 0) {
      const rows = (await manager.query(
        'SELECT id, channel_account_id FROM customer WHERE id = ANY($1::uuid[]) AND workspace_id = $2 AND merged_at IS NULL',
        [customerIds, workspaceId],
      )) as { id: string; channel_account_id: string }[];
      if (rows.length !== customerIds.length) throw notFound('Customer');
      if (rows.some((row) => row.channel_account_id !== account.id)) {
        throw invalid(`Some customers write on another channel account than ${account.name}.`, [
          'input',
          'audience',
          'customerIds',
        ]);
      }
    }

    const now = deps.clock.now();
    const scheduled = input.startAt != null && input.startAt > now;
    const campaign = await manager.save(
      manager.create(Campaign, {
        workspaceId,
        name,
        status: scheduled ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING,
        channelAccountId: account.id,
        templateId: template.id,
        assigneeId: input.assigneeId ?? null,
        variables,
        ...extras,
        optOutTagId: input.optOutTagId ?? null,
        optOutFieldKey: input.optOutFieldKey ?? null,
        startAt: input.startAt ?? null,
        tickToken: randomUUID(),
        createdById: viewer.principal.kind === 'agent' ? viewer.principal.agent.id : null,
      }),
    );
    const [{ count }] = (await manager.query(
      `WITH added AS (
         INSERT INTO campaign_recipient (workspace_id, campaign_id, customer_id)
         SELECT $1, $2, c.id FROM customer c
          WHERE c.workspace_id = $1 AND c.channel_account_id = $3 AND c.merged_at IS NULL
            AND (c.id = ANY($4::uuid[])
                 OR EXISTS (SELECT 1 FROM customer_tag ct WHERE ct.customer_id = c.id AND ct.tag_id = ANY($5::uuid[])))
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM added`,
      [workspaceId, campaign.id, account.id, customerIds, input.tagIds],
    )) as { count: number }[];
    if (count === 0) {
      throw new BusinessRuleError(
        UserErrorCode.AUDIENCE_EMPTY,
        `No customer of ${account.name} matches the audience.`,
        ['input', 'audience'],
      );
    }
    await uow.enqueue(
      JobName.CAMPAIGN_TICK,
      { campaignId: campaign.id, token: campaign.tickToken },
      scheduled ? { startAfter: input.startAt! } : {},
    );
    emitCampaignProgress(uow, campaign.id);
    return campaign;
  });
}

export const CANCELLED_ERROR: MessageError = {
  code: 'CAMPAIGN_CANCELLED',
  title: 'The campaign was cancelled before this message was sent',
  detail: null,
  providerCode: null,
  retryable: false,
};

/**
 * Stops a campaign: recipients not yet handed to the provider are never sent (a message already
 * prepared for one is marked FAILED). A send in flight at this moment finishes.
 */
export async function cancelCampaign(caller: Caller, campaignId: string): Promise<Campaign> {
  const { deps, viewer } = caller;
  return inTransaction(deps, viewer.workspaceId, async (uow) => {
    const campaign = await uow.manager.findOne(Campaign, {
      where: { id: campaignId, workspaceId: viewer.workspaceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!campaign) throw notFound('Campaign');
    if (campaign.status === CampaignStatus.COMPLETED || campaign.status === CampaignStatus.CANCELLED) {
      throw new BusinessRuleError(
        UserErrorCode.CAMPAIGN_FINISHED,
        `The campaign is already ${campaign.status.toLowerCase()}.`,
        ['input', 'campaignId'],
      );
    }
    campaign.status = CampaignStatus.CANCELLED;
    campaign.cancelledAt = deps.clock.now();
    campaign.tickToken = null;
    await uow.manager.update(
      Campaign,
      { id: campaign.id },
      { status: campaign.status, cancelledAt: campaign.cancelledAt, tickToken: null },
    );
    const prepared = (await uow.manager.query(
      `UPDATE campaign_recipient SET stage = 'CANCELLED', updated_at = now()
        WHERE campaign_id = $1 AND stage IN ('QUEUED', 'READY')
        RETURNING message_id`,
      [campaign.id],
    )) as [{ message_id: string | null }[], number];
    const messageIds = prepared[0].map((row) => row.message_id).filter((id) => id !== null);
    if (messageIds.length > 0) {
      const messages = await uow.manager.find(Message, {
        where: messageIds.map((id) => ({ id })),
        lock: { mode: 'pessimistic_write' },
      });
      for (const message of messages) {
        if (message.status === MessageStatus.QUEUED) {
          await changeMessageStatus(uow, message, MessageStatus.FAILED, CANCELLED_ERROR);
        }
      }
    }
    emitCampaignProgress(uow, campaign.id);
    return campaign;
  });
}

/** SQL of a recipient's public status, from its stage and its message (aliases `r` and `m`). */
export const RECIPIENT_STATUS_SQL = `CASE
  WHEN r.stage IN ('QUEUED', 'READY') THEN 'QUEUED'
  WHEN r.stage = 'SENDING' THEN 'SENDING'
  WHEN r.stage IN ('SKIPPED', 'FAILED', 'CANCELLED') THEN r.stage::text
  WHEN r.replied_at IS NOT NULL THEN 'REPLIED'
  WHEN m.status IS NULL THEN 'FAILED'
  WHEN m.status = 'QUEUED' THEN 'SENDING'
  ELSE m.status::text
END`;

/** The same rule in code, for a loaded recipient and its message. */
export function recipientStatusOf(
  recipient: CampaignRecipient,
  message: Message | null | undefined,
): CampaignRecipientStatus {
  switch (recipient.stage) {
    case RecipientStage.QUEUED:
    case RecipientStage.READY:
      return CampaignRecipientStatus.QUEUED;
    case RecipientStage.SENDING:
      return CampaignRecipientStatus.SENDING;
    case RecipientStage.SKIPPED:
      return CampaignRecipientStatus.SKIPPED;
    case RecipientStage.FAILED:
      return CampaignRecipientStatus.FAILED;
    case RecipientStage.CANCELLED:
      return CampaignRecipientStatus.CANCELLED;
    case RecipientStage.DISPATCHED:
      if (recipient.repliedAt) return CampaignRecipientStatus.REPLIED;
      if (!message) return CampaignRecipientStatus.FAILED;
      if (message.status === MessageStatus.QUEUED) return CampaignRecipientStatus.SENDING;
      return message.status as string as CampaignRecipientStatus;
  }
}
