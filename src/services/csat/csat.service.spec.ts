import { ChannelKind, Locale } from '../../entities/enums';
import { commentPromptOf, csatReplyId, surveyOf } from './csat.service';

describe('CSAT wording', () => {
  it('asks, offers five scores and invites a comment in each workspace language', () => {
    const expected: Record<Locale, { question: string; best: string; comment: string }> = {
      [Locale.es]: {
        question: '¿Cómo calificarías la atención que recibiste?',
        best: '😀 5 Excelente',
        comment: '¡Gracias! Si quieres, escríbenos en un mensaje qué podríamos mejorar.',
      },
      [Locale.en]: {
        question: 'How would you rate the help you received?',
        best: '😀 5 Excellent',
        comment: 'Thank you! If you like, tell us in one message what we could do better.',
      },
      [Locale.pt]: {
        question: 'Como você avalia o atendimento que recebeu?',
        best: '😀 5 Excelente',
        comment: 'Obrigado! Se quiser, conte para nós em uma mensagem o que podemos melhorar.',
      },
    };
    for (const locale of Object.values(Locale)) {
      const whatsApp = surveyOf(ChannelKind.WHATSAPP, locale);
      expect(whatsApp.body).toBe(expected[locale].question);
      const rows = whatsApp.values.list!.sections[0]!.rows;
      expect(rows.map((row) => row.id)).toEqual([5, 4, 3, 2, 1].map(csatReplyId));
      expect(rows[0]!.title).toBe(expected[locale].best);
      const messenger = surveyOf(ChannelKind.MESSENGER, locale);
      expect(messenger.body).toBe(expected[locale].question);
      expect(messenger.values.buttons!.map((button) => button.title)).toEqual([
        '😀 5',
        '🙂 4',
        '😐 3',
        '🙁 2',
        '😞 1',
      ]);
      expect(commentPromptOf(locale)).toBe(expected[locale].comment);
    }
  });
});
