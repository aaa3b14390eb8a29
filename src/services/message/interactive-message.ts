import { type InteractiveContent } from '../../channels/channel-adapter';
import { ChannelKind } from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';

/** Buttons, a list or a link button with the text around them, as a caller gives them. */
export interface InteractiveValues {
  buttons?: { id: string; title: string }[] | null;
  list?: {
    button: string;
    sections: { title?: string | null; rows: { id: string; title: string; description?: string | null }[] }[];
  } | null;
  ctaUrl?: { displayText: string; url: string } | null;
  header?: string | null;
  footer?: string | null;
}

/**
 * Meta's limits, in characters and counts. WhatsApp's come from the Cloud API's interactive
 * messages (the API channel is held to them too, as the common ground partners render);
 * Messenger and Instagram send reply buttons as quick replies and a link as a button template.
 */
export const INTERACTIVE_LIMITS = {
  whatsApp: {
    body: 1024,
    header: 60,
    footer: 60,
    buttons: 3,
    buttonTitle: 20,
    buttonId: 256,
    listButton: 20,
    sections: 10,
    rows: 10,
    sectionTitle: 24,
    rowId: 200,
    rowTitle: 24,
    rowDescription: 72,
    ctaDisplayText: 20,
    url: 2000,
  },
  messaging: {
    /** Quick replies ride on a text message (2,000 characters); a button template's text is 640. */
    text: 2000,
    buttonTemplateText: 640,
    quickReplies: 13,
    quickReplyTitle: 20,
    quickReplyPayload: 1000,
    buttonTitle: 20,
    url: 2000,
  },
} as const;

const BASE: string[] = ['input', 'interactive'];

function limit(message: string, ...path: (string | number)[]): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.LIMIT_EXCEEDED, message, [...BASE, ...path.map(String)]);
}

function invalid(message: string, ...path: (string | number)[]): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, [...BASE, ...path.map(String)]);
}

/** A required text of 1 to `max` characters (trimmed), or LIMIT_EXCEEDED naming the limit. */
function required(value: string | null | undefined, max: number, what: string, ...path: (string | number)[]) {
  const text = value?.trim() ?? '';
  if (!text) throw invalid(`${what} is required.`, ...path);
  if (text.length > max) throw limit(`${what} is at most ${max} characters (${text.length} given).`, ...path);
  return text;
}

function optional(value: string | null | undefined, max: number, what: string, ...path: (string | number)[]) {
  if (value == null || value.trim() === '') return null;
  return required(value, max, what, ...path);
}

function httpUrl(value: string, max: number, ...path: (string | number)[]): string {
  const text = required(value, max, 'The URL', ...path);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('The URL is not an absolute URL.', ...path);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`The URL must be http or https (${url.protocol.replace(/:$/, '')} given).`, ...path);
  }
  return text;
}

function unique(ids: string[], what: string, path: (index: number) => (string | number)[]): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) throw invalid(`${what} ids must be unique ("${id}" is repeated).`, ...path(index));
    seen.add(id);
  });
}

/** Exactly one of buttons, list and ctaUrl. */
function chosen(values: InteractiveValues): 'buttons' | 'list' | 'ctaUrl' {
  const given = (['buttons', 'list', 'ctaUrl'] as const).filter((key) => values[key] != null);
  if (given.length !== 1) {
    throw new BusinessRuleError(
      UserErrorCode.INVALID_INPUT,
      'Give exactly one of interactive.buttons, interactive.list and interactive.ctaUrl.',
      BASE,
    );
  }
  return given[0]!;
}

function whatsAppContent(body: string | null, values: InteractiveValues): InteractiveContent {
  const max = INTERACTIVE_LIMITS.whatsApp;
  const kind = chosen(values);
  const content: InteractiveContent = {
    header: optional(values.header, max.header, 'The header', 'header'),
    body: (() => {
      const text = body?.trim() ?? '';
      if (!text) {
        throw new BusinessRuleError(
          UserErrorCode.INVALID_INPUT,
          'An interactive message needs a text (its body).',
          ['input', 'text'],
        );
      }
      if (text.length > max.body) {
        throw new BusinessRuleError(
          UserErrorCode.LIMIT_EXCEEDED,
          `The body of an interactive message is at most ${max.body} characters (${text.length} given).`,
          ['input', 'text'],
        );
      }
      return text;
    })(),
    footer: optional(values.footer, max.footer, 'The footer', 'footer'),
  };
  if (kind === 'buttons') {
    const buttons = values.buttons!;
    if (buttons.length === 0) throw invalid('Give at least one button.', 'buttons');
    if (buttons.length > max.buttons) {
      throw limit(
        `WhatsApp allows at most ${max.buttons} reply buttons (${buttons.length} given).`,
        'buttons',
      );
    }
    content.buttons = buttons.map((button, index) => ({
      id: required(button.id, max.buttonId, 'A button id', 'buttons', index, 'id'),
      title: required(button.title, max.buttonTitle, 'A button title', 'buttons', index, 'title'),
    }));
    unique(
      content.buttons.map((button) => button.id),
      'Button',
      (index) => ['buttons', index, 'id'],
    );
  } else if (kind === 'list') {
    const list = values.list!;
    const button = required(list.button, max.listButton, 'The list button label', 'list', 'button');
    if (list.sections.length === 0) throw invalid('Give at least one section.', 'list', 'sections');
    if (list.sections.length > max.sections) {
      throw limit(
        `A list has at most ${max.sections} sections (${list.sections.length} given).`,
        'list',
        'sections',
      );
    }
    const rowCount = list.sections.reduce((sum, section) => sum + section.rows.length, 0);
    if (rowCount > max.rows) {
      throw limit(
        `A list has at most ${max.rows} rows in all its sections (${rowCount} given).`,
        'list',
        'sections',
      );
    }
    const multiple = list.sections.length > 1;
    const sections = list.sections.map((section, s) => {
      if (section.rows.length === 0)
        throw invalid('Every section needs at least one row.', 'list', 'sections', s, 'rows');
      const title = multiple
        ? required(
            section.title,
            max.sectionTitle,
            'A section title (required with several sections)',
            'list',
            'sections',
            s,
            'title',
          )
        : optional(section.title, max.sectionTitle, 'A section title', 'list', 'sections', s, 'title');
      return {
        title,
        rows: section.rows.map((row, r) => ({
          id: required(row.id, max.rowId, 'A row id', 'list', 'sections', s, 'rows', r, 'id'),
          title: required(row.title, max.rowTitle, 'A row title', 'list', 'sections', s, 'rows', r, 'title'),
          description: optional(
            row.description,
            max.rowDescription,
            'A row description',
            'list',
            'sections',
            s,
            'rows',
            r,
            'description',
          ),
        })),
      };
    });
    const rowPaths = sections.flatMap((section, s) => section.rows.map((_, r) => [s, r] as const));
    unique(
      sections.flatMap((section) => section.rows.map((row) => row.id)),
      'Row',
      (index) => ['list', 'sections', rowPaths[index]![0], 'rows', rowPaths[index]![1], 'id'],
    );
    content.list = { button, sections };
  } else {
    const cta = values.ctaUrl!;
    content.ctaUrl = {
      displayText: required(cta.displayText, max.ctaDisplayText, 'The button text', 'ctaUrl', 'displayText'),
      url: httpUrl(cta.url, max.url, 'ctaUrl', 'url'),
    };
  }
  return content;
}

function messagingContent(
  kind: ChannelKind,
  body: string | null,
  values: InteractiveValues,
): InteractiveContent {
  const max = INTERACTIVE_LIMITS.messaging;
  const channel = kind === ChannelKind.INSTAGRAM ? 'Instagram' : 'Messenger';
  const choice = chosen(values);
  if (choice === 'list') {
    throw invalid(`${channel} has no list messages: send reply buttons (quick replies) instead.`, 'list');
  }
  const text = body?.trim() ?? '';
  if (!text) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, 'An interactive message needs a text.', [
      'input',
      'text',
    ]);
  }
  const content: InteractiveContent = {
    header: values.header?.trim() || null,
    body: text,
    footer: values.footer?.trim() || null,
  };
  const whole = [content.header, content.body, content.footer].filter(Boolean).join('\n\n').length;
  const textMax = choice === 'buttons' ? max.text : max.buttonTemplateText;
  if (whole > textMax) {
    throw new BusinessRuleError(
      UserErrorCode.LIMIT_EXCEEDED,
      `${channel} takes at most ${textMax} characters of text with ${choice === 'buttons' ? 'quick replies' : 'a link button'} (header, text and footer: ${whole} given).`,
      ['input', 'text'],
    );
  }
  if (choice === 'buttons') {
    const buttons = values.buttons!;
    if (buttons.length === 0) throw invalid('Give at least one button.', 'buttons');
    if (buttons.length > max.quickReplies) {
      throw limit(
        `${channel} allows at most ${max.quickReplies} quick replies (${buttons.length} given).`,
        'buttons',
      );
    }
    content.buttons = buttons.map((button, index) => ({
      id: required(button.id, max.quickReplyPayload, 'A button id', 'buttons', index, 'id'),
      title: required(button.title, max.quickReplyTitle, 'A button title', 'buttons', index, 'title'),
    }));
    unique(
      content.buttons.map((button) => button.id),
      'Button',
      (index) => ['buttons', index, 'id'],
    );
  } else {
    const cta = values.ctaUrl!;
    content.ctaUrl = {
      displayText: required(cta.displayText, max.buttonTitle, 'The button text', 'ctaUrl', 'displayText'),
      url: httpUrl(cta.url, max.url, 'ctaUrl', 'url'),
    };
  }
  return content;
}

/**
 * Checks an interactive message against the channel's limits before anything is written or sent,
 * and returns what will be sent (trimmed). Refusals name the limit and the field.
 */
export function interactiveContent(
  kind: ChannelKind,
  body: string | null,
  values: InteractiveValues,
): InteractiveContent {
  return kind === ChannelKind.MESSENGER || kind === ChannelKind.INSTAGRAM
    ? messagingContent(kind, body, values)
    : whatsAppContent(body, values);
}
