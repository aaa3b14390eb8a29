import { type AiInput } from './ai-input';
import { clockTime, describeMedia } from './media-description';
import { extractiveSummary } from './offline/extractive-summary';

const file = (over: Partial<Parameters<typeof describeMedia>[0]>) => ({
  kind: 'IMAGE' as const,
  fileName: null,
  voiceNote: false,
  durationSeconds: null,
  ...over,
});

describe('media in the AI transcript', () => {
  it.each([
    [file({ fileName: 'invoice.pdf' }), '[image: invoice.pdf]'],
    [file({ kind: 'AUDIO', voiceNote: true, durationSeconds: 12 }), '[voice note 0:12]'],
    [file({ kind: 'AUDIO', fileName: 'song.mp3', durationSeconds: 185 }), '[audio 3:05: song.mp3]'],
    [file({ kind: 'DOCUMENT', fileName: 'contrato.pdf' }), '[document: contrato.pdf]'],
    [file({ kind: 'STICKER' }), '[sticker]'],
    [file({}), '[image]'],
  ])('describes %j as %s', (media, text) => {
    expect(describeMedia(media)).toBe(text);
  });

  it('writes lengths as a clock', () => {
    expect([0, 9, 60, 754, 3_723].map(clockTime)).toEqual(['0:00', '0:09', '1:00', '12:34', '1:02:03']);
  });

  it.each([
    ['en', 'Files from the customer: [image: invoice.pdf], [voice note 0:12].'],
    ['es', 'Archivos del cliente: [image: invoice.pdf], [voice note 0:12].'],
  ] as const)('the offline summary (%s) lists what the customer sent', (locale, line) => {
    const input: AiInput = {
      locale,
      conversationId: 'c1',
      transcript: [
        {
          id: 'm1',
          sender: 'CUSTOMER',
          text: '[image: invoice.pdf] The invoice is wrong, can you fix it?',
          at: new Date('2030-01-01T10:00:00Z'),
          media: [file({ fileName: 'invoice.pdf' })],
        },
        {
          id: 'm2',
          sender: 'CUSTOMER',
          text: '[voice note 0:12]',
          at: new Date('2030-01-01T10:01:00Z'),
          media: [file({ kind: 'AUDIO', voiceNote: true, durationSeconds: 12 })],
        },
      ],
      customer: { name: 'Ana', phone: '', channel: 'WHATSAPP', fields: [] },
      tags: [],
      notes: [],
      templates: [],
      pastAgentReplies: [],
      redactPii: false,
    };
    const summary = extractiveSummary(input);
    expect(summary.summary).toContain(line);
    expect(summary.customerRequest).toContain('invoice is wrong');
  });

  it('says nothing of files when there are none', () => {
    const summary = extractiveSummary({
      locale: 'en',
      conversationId: 'c1',
      transcript: [{ id: 'm1', sender: 'CUSTOMER', text: 'Where is my order?', at: new Date() }],
      customer: { name: 'Ana', phone: '', channel: 'WHATSAPP', fields: [] },
      tags: [],
      notes: [],
      templates: [],
      pastAgentReplies: [],
      redactPii: false,
    });
    expect(summary.summary).not.toContain('Files');
  });
});
