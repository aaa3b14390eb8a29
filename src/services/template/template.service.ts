import { adapterFor } from '../../channels/channel-registry';
import { type RemoteTemplate } from '../../channels/channel-adapter';
import { TemplateSyncError } from '../../channels/whatsapp/whatsapp.adapter';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Template } from '../../entities/template.entity';
import { AttachmentKind, ChannelKind, TemplateCategory, TemplateStatus } from '../../entities/enums';
import { type Attachment } from '../../entities/attachment.entity';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type AppDeps } from '../../runtime/app-deps';
import { credentialsOf } from '../channel-account/channel-account.service';
import { TEXT_LIMITS } from '../text-limits';

const STATUS_OF: Record<string, TemplateStatus> = {
  APPROVED: TemplateStatus.APPROVED,
  PENDING: TemplateStatus.PENDING,
  IN_APPEAL: TemplateStatus.PENDING,
  PENDING_DELETION: TemplateStatus.DISABLED,
  REJECTED: TemplateStatus.REJECTED,
  PAUSED: TemplateStatus.PAUSED,
  FLAGGED: TemplateStatus.PAUSED,
  DISABLED: TemplateStatus.DISABLED,
  LIMIT_EXCEEDED: TemplateStatus.DISABLED,
  LOCKED: TemplateStatus.DISABLED,
  ARCHIVED: TemplateStatus.DISABLED,
  DELETED: TemplateStatus.DISABLED,
  REINSTATED: TemplateStatus.APPROVED,
};

/** Meta has more review states than we show; each maps onto the five agents need to know. */
export function templateStatusOf(remote: string): TemplateStatus {
  return STATUS_OF[remote.toUpperCase()] ?? TemplateStatus.PENDING;
}

function categoryOf(remote: string): TemplateCategory {
  const upper = remote.toUpperCase();
  return (Object.values(TemplateCategory) as string[]).includes(upper)
    ? (upper as TemplateCategory)
    : TemplateCategory.UTILITY;
}

/** Pulls every page of the account's templates and upserts them by (name, language). */
export async function syncTemplates(deps: AppDeps, account: ChannelAccount): Promise<Template[]> {
  if (account.kind !== ChannelKind.WHATSAPP) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Only WhatsApp accounts have message templates.',
      ['input', 'channelAccountId'],
    );
  }
  let remote: RemoteTemplate[];
  try {
    remote = await adapterFor(account.kind).listTemplates(credentialsOf(deps, account));
  } catch (error) {
    if (!(error instanceof TemplateSyncError)) throw error;
    const { code, title, detail, providerCode } = error.error;
    // What the provider said goes to the log; the admin gets our code and title, as the base URL
    // may have led somewhere whose answers are not the admin's to read.
    deps.logger.warn('template sync failed', {
      channelAccountId: account.id,
      code,
      providerCode,
      detail,
      providerBody: error.providerBody,
    });
    const reason = code === 'ADDRESS_NOT_ALLOWED' && detail ? `${title}. ${detail}` : `${title}.`;
    throw new BusinessRuleError(
      UserErrorCode.CHANNEL_ERROR,
      `The channel refused the template list (${code}${providerCode ? `, provider code ${providerCode}` : ''}): ${reason}`,
    );
  }
  const repository = deps.dataSource.getRepository(Template);
  const rows = remote.map((template) => ({
    workspaceId: account.workspaceId,
    channelAccountId: account.id,
    externalId: template.externalId,
    name: template.name,
    language: template.language,
    category: categoryOf(template.category),
    status: templateStatusOf(template.status),
    parameterFormat: template.parameterFormat || 'POSITIONAL',
    components: template.components,
  }));
  if (rows.length > 0) {
    // jsonb components defeat TypeORM's deep-partial typing; the rows are complete.
    await repository.upsert(rows as never, { conflictPaths: ['channelAccountId', 'name', 'language'] });
  }
  return repository.find({
    where: { channelAccountId: account.id },
    order: { name: 'ASC', language: 'ASC' },
  });
}

/** A template review update from the webhook (`message_template_status_update`). */
export async function applyTemplateStatus(
  deps: AppDeps,
  account: ChannelAccount,
  update: { templateExternalId: string | null; name: string | null; language: string | null; status: string },
): Promise<void> {
  const repository = deps.dataSource.getRepository(Template);
  const template = update.templateExternalId
    ? await repository.findOne({
        where: { channelAccountId: account.id, externalId: update.templateExternalId },
      })
    : update.name
      ? await repository.findOne({
          where: {
            channelAccountId: account.id,
            name: update.name,
            ...(update.language ? { language: update.language } : {}),
          },
        })
      : null;
  if (!template) return;
  await repository.update({ id: template.id }, { status: templateStatusOf(update.status) });
}

/** `{{1}}` and `{{name}}` placeholders of a template component text, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (!found.includes(match[1]!)) found.push(match[1]!);
  }
  return found;
}

function componentText(template: Template, type: string): string | null {
  const component = template.components.find((item) => String(item.type).toUpperCase() === type);
  return typeof component?.text === 'string' ? component.text : null;
}

export interface TemplateParameters {
  body?: string[] | null;
  header?: string[] | null;
  named?: { name: string; value: string }[] | null;
  /** The file of an IMAGE, VIDEO or DOCUMENT header: an upload (checked by the caller) or a link. */
  headerMedia?: {
    attachment?: Pick<Attachment, 'id' | 'kind' | 'fileName'> | null;
    link?: string | null;
  } | null;
  /** Values of the template's buttons: a URL button's `{{1}}` suffix (`text`), a quick reply's `payload`. */
  buttons?: { index: number; text?: string | null; payload?: string | null }[] | null;
}

/** The header's file when it is an upload: its provider id is filled in by the send job. */
export interface TemplateHeaderUpload {
  attachmentId: string;
  providerId?: string;
}

const MEDIA_FORMATS: Record<string, AttachmentKind> = {
  IMAGE: AttachmentKind.IMAGE,
  VIDEO: AttachmentKind.VIDEO,
  DOCUMENT: AttachmentKind.DOCUMENT,
};

function templateError(message: string, ...field: string[]): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.TEMPLATE_PARAMETERS_INVALID, message, [
    'input',
    'parameters',
    ...field,
  ]);
}

/** The header component of a template whose header is an image, video or document; null otherwise. */
function mediaHeader(
  template: Template,
  given: TemplateParameters['headerMedia'],
): { component: Record<string, unknown>; upload: TemplateHeaderUpload | null } | null {
  const header = template.components.find((item) => String(item.type).toUpperCase() === 'HEADER');
  const format = typeof header?.format === 'string' ? header.format.toUpperCase() : 'TEXT';
  const kind = MEDIA_FORMATS[format];
  if (!kind) {
    if (given)
      throw templateError(`Template ${template.name} has no image, video or document header.`, 'headerMedia');
    return null;
  }
  const noun = format.toLowerCase();
  if (!given || !given.attachment === !given.link) {
    throw templateError(
      `Template ${template.name} has a${noun === 'image' ? 'n' : ''} ${noun} header: give headerMedia with an attachmentId or a link.`,
      'headerMedia',
    );
  }
  const object: Record<string, unknown> = {};
  let upload: TemplateHeaderUpload | null = null;
  if (given.attachment) {
    if (given.attachment.kind !== kind) {
      throw templateError(
        `Template ${template.name} has a${noun === 'image' ? 'n' : ''} ${noun} header; the attachment is ${given.attachment.kind}.`,
        'headerMedia',
        'attachmentId',
      );
    }
    upload = { attachmentId: given.attachment.id };
    if (kind === AttachmentKind.DOCUMENT && given.attachment.fileName)
      object.filename = given.attachment.fileName;
  } else {
    let url: URL | null = null;
    try {
      url = new URL(given.link!);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || given.link!.length > 2048) {
      throw templateError(
        'The header link must be an https URL of at most 2048 characters.',
        'headerMedia',
        'link',
      );
    }
    object.link = given.link;
  }
  return { component: { type: 'header', parameters: [{ type: noun, [noun]: object }] }, upload };
}

/** The button components: a value for each URL button with a `{{1}}` suffix, payloads for quick replies. */
function buttonComponents(
  template: Template,
  given: TemplateParameters['buttons'],
): Record<string, unknown>[] {
  const component = template.components.find((item) => String(item.type).toUpperCase() === 'BUTTONS');
  const buttons = Array.isArray(component?.buttons) ? (component.buttons as Record<string, unknown>[]) : [];
  const values = given ?? [];
  const components: Record<string, unknown>[] = [];
  values.forEach((value, position) => {
    const button = buttons[value.index];
    const type = String(button?.type ?? '').toUpperCase();
    const field = ['buttons', String(position)];
    if (!button) {
      throw templateError(
        `Template ${template.name} has no button ${value.index} (it has ${buttons.length}).`,
        ...field,
        'index',
      );
    }
    if (values.findIndex((other) => other.index === value.index) !== position) {
      throw templateError(`Button ${value.index} is given twice.`, ...field, 'index');
    }
    if (type === 'URL' && typeof button.url === 'string' && placeholdersOf(button.url).length > 0) {
      if (value.payload != null)
        throw templateError(`Button ${value.index} is a URL button: give its text, not a payload.`, ...field);
      return;
    }
    if (type === 'QUICK_REPLY') {
      if (value.text != null)
        throw templateError(
          `Button ${value.index} is a quick reply: give its payload, not a text.`,
          ...field,
        );
      const payload = value.payload?.trim();
      if (!payload) throw templateError(`Button ${value.index} needs a payload.`, ...field, 'payload');
      if (payload.length > TEXT_LIMITS.templateParameter) {
        throw templateError(
          `A button payload is at most ${TEXT_LIMITS.templateParameter} characters.`,
          ...field,
          'payload',
        );
      }
      components.push({
        type: 'button',
        sub_type: 'quick_reply',
        index: String(value.index),
        parameters: [{ type: 'payload', payload }],
      });
      return;
    }
    throw templateError(
      `Button ${value.index} of template ${template.name} (${type || 'unknown'}) takes no value.`,
      ...field,
      'index',
    );
  });
  buttons.forEach((button, index) => {
    const url =
      String(button.type ?? '').toUpperCase() === 'URL' && typeof button.url === 'string' ? button.url : null;
    if (!url || placeholdersOf(url).length === 0) return;
    const position = values.findIndex((value) => value.index === index);
    const text = position >= 0 ? values[position]!.text?.trim() : undefined;
    if (!text) {
      throw templateError(
        `Button ${index} of template ${template.name} (${String(button.text ?? 'a link')}) needs the text for its URL ${url}.`,
        'buttons',
      );
    }
    if (text.length > TEXT_LIMITS.templateParameter) {
      throw templateError(
        `A button value is at most ${TEXT_LIMITS.templateParameter} characters.`,
        'buttons',
        String(position),
        'text',
      );
    }
    components.push({
      type: 'button',
      sub_type: 'url',
      index: String(index),
      parameters: [{ type: 'text', text }],
    });
  });
  return components.sort((a, b) => Number(a.index) - Number(b.index));
}

/**
 * Checks the parameters against the template's placeholders and builds the send components and
 * the text agents will read. Positional templates take `body`/`header` lists, named ones `named`.
 */
export function renderTemplate(
  template: Template,
  parameters: TemplateParameters,
): { components: Record<string, unknown>[]; text: string; headerUpload: TemplateHeaderUpload | null } {
  const components: Record<string, unknown>[] = [];
  const rendered: string[] = [];
  const media = mediaHeader(template, parameters.headerMedia);
  if (media) components.push(media.component);
  for (const [type, given, field] of [
    ['HEADER', parameters.header, 'header'],
    ['BODY', parameters.body, 'body'],
  ] as const) {
    if (type === 'HEADER' && media) continue;
    const text = componentText(template, type);
    if (text === null) continue;
    const names = placeholdersOf(text);
    const named = template.parameterFormat === 'NAMED';
    const values = named
      ? names.map((name) => parameters.named?.find((parameter) => parameter.name === name)?.value)
      : (given ?? []);
    if (!named && values.length !== names.length) {
      throw new BusinessRuleError(
        UserErrorCode.TEMPLATE_PARAMETERS_INVALID,
        `Template ${template.name} ${type.toLowerCase()} takes ${names.length} parameter(s) ({{1}}…); ${values.length} given.`,
        ['input', 'parameters', field],
      );
    }
    const missing = names.filter((_, index) => !values[index]?.trim());
    if (missing.length > 0) {
      throw new BusinessRuleError(
        UserErrorCode.TEMPLATE_PARAMETERS_INVALID,
        `Template ${template.name} needs a value for ${missing.map((name) => `{{${name}}}`).join(', ')}.`,
        ['input', 'parameters', named ? 'named' : field],
      );
    }
    if (names.length > 0) {
      components.push({
        type: type.toLowerCase(),
        parameters: names.map((name, index) =>
          named
            ? { type: 'text', parameter_name: name, text: values[index] }
            : { type: 'text', text: values[index] },
        ),
      });
    }
    rendered.push(
      text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => values[names.indexOf(name)] ?? ''),
    );
  }
  components.push(...buttonComponents(template, parameters.buttons));
  return { components, text: rendered.join('\n'), headerUpload: media?.upload ?? null };
}

export interface TemplateCreateValues {
  channelAccountId: string;
  name: string;
  language: string;
  category: TemplateCategory;
  body: string;
  header?: string | null;
  footer?: string | null;
}

/** WhatsApp's language codes: a language, optionally a region or variant (es, en_US, zh_HK). */
const TEMPLATE_LANGUAGE = /^[a-z]{2,3}(?:_[A-Za-z0-9]{2,4})?$/;

/** A locally defined template (partner channels, or one awaiting review on WhatsApp). */
export async function createTemplate(
  deps: AppDeps,
  account: ChannelAccount,
  input: TemplateCreateValues,
): Promise<Template> {
  if (!/^[a-z0-9_]{1,512}$/.test(input.name)) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Template names use lower-case letters, digits and _.',
      ['input', 'name'],
    );
  }
  if (!TEMPLATE_LANGUAGE.test(input.language)) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'The language is a WhatsApp language code such as es, en_US or pt_BR.',
      ['input', 'language'],
    );
  }
  if (!input.body.trim()) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'The template needs a body.', ['input', 'body']);
  }
  const parts = [
    ['header', input.header, TEXT_LIMITS.templateHeader],
    ['body', input.body, TEXT_LIMITS.templateBody],
    ['footer', input.footer, TEXT_LIMITS.templateFooter],
  ] as const;
  for (const [part, text, max] of parts) {
    if ((text?.length ?? 0) > max) {
      throw new BusinessRuleError(
        UserErrorCode.INVALID_INPUT,
        `The template ${part} must be at most ${max} characters (WhatsApp's limit).`,
        ['input', part],
      );
    }
  }
  const repository = deps.dataSource.getRepository(Template);
  if (
    await repository.exists({
      where: { channelAccountId: account.id, name: input.name, language: input.language },
    })
  ) {
    throw new BusinessRuleError(
      UserErrorCode.DUPLICATE,
      `Template ${input.name} (${input.language}) already exists.`,
      ['input', 'name'],
    );
  }
  const components: Record<string, unknown>[] = [];
  if (input.header) components.push({ type: 'HEADER', format: 'TEXT', text: input.header });
  components.push({ type: 'BODY', text: input.body });
  if (input.footer) components.push({ type: 'FOOTER', text: input.footer });
  const named = placeholdersOf(`${input.header ?? ''} ${input.body}`).some((name) => !/^\d+$/.test(name));
  return repository.save(
    repository.create({
      workspaceId: account.workspaceId,
      channelAccountId: account.id,
      name: input.name,
      language: input.language,
      category: input.category,
      // Partner channels have no review; WhatsApp templates wait for Meta's approval (synced later).
      status: account.kind === ChannelKind.API ? TemplateStatus.APPROVED : TemplateStatus.PENDING,
      parameterFormat: named ? 'NAMED' : 'POSITIONAL',
      components,
    }),
  );
}
