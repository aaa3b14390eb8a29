import { ATTACHMENT_LABELS } from './meta-messaging.parser';
import { MEDIA_LABELS } from './whatsapp/whatsapp-payload.parser';

const LABELS = [
  ...new Set([
    ...Object.values(MEDIA_LABELS),
    ...Object.values(ATTACHMENT_LABELS),
    'Animated sticker',
    '↩️ Replied to your story',
  ]),
];

/**
 * Whether a line of a message's text is the channel parsers' stand-in for one of its files
 * (`📷 Photo`, `📄 Document: invoice.pdf`) rather than something the customer wrote: where the
 * files are described on their own (the AI transcript), these lines would say it twice.
 */
export function isMediaPlaceholderLine(line: string): boolean {
  const text = line.trim();
  return LABELS.some((label) => text === label || text.startsWith(`${label}: `));
}
