import { PiiVault, luhnValid, redactInput, redactPii } from './redact-pii';
import type { AiInput } from './ai-input';

describe('redactPii', () => {
  it('replaces e-mails', () => {
    expect(redactPii('escríbeme a Ana.Lopez+pedidos@correo.example.es por favor')).toBe(
      'escríbeme a [EMAIL_1] por favor',
    );
  });

  it('replaces Luhn-valid card numbers, grouped or not, and keeps other long numbers', () => {
    expect(redactPii('mi tarjeta 4111 1111 1111 1111 no pasa')).toBe('mi tarjeta [CARD_1] no pasa');
    expect(redactPii('card 5500-0000-0000-0004')).toBe('card [CARD_1]');
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(redactPii('tracking 4111111111111112')).toBe('tracking 4111111111111112');
  });

  it('replaces phone numbers in local and international formats', () => {
    expect(redactPii('llámame al +34 612 34 56 78 o al 612-345-678')).toBe(
      'llámame al [PHONE_1] o al [PHONE_2]',
    );
    expect(redactPii('call (415) 555-0132 today')).toBe('call [PHONE_1] today');
    expect(redactPii('meu número é 0055 11 98765-4321')).toBe('meu número é [PHONE_1]');
  });

  it('keeps order numbers, amounts, dates and short numbers', () => {
    const text = 'Pedido 123456789, order #98765432, total 1.250,00 €, el 2024-05-12, 3 unidades';
    expect(redactPii(text)).toBe(text);
  });

  it('replaces national id numbers: DNI and NIE with a valid letter, CPF, SSN and named ids', () => {
    expect(redactPii('DNI 12345678Z')).toBe('DNI [ID_1]');
    expect(redactPii('mi NIE es X1234567L')).toBe('mi NIE es [ID_1]');
    expect(redactPii('meu CPF é 529.982.247-25')).toBe('meu CPF é [ID_1]');
    expect(redactPii('cpf 52998224725 ok')).toBe('cpf [ID_1] ok');
    expect(redactPii('SSN 123-45-6789')).toBe('SSN [ID_1]');
    expect(redactPii('cédula: 1.023.456.789')).toBe('cédula: [ID_1]');
    // A code that merely looks like a DNI but fails the check letter is kept.
    expect(redactPii('código 12345678A')).toBe('código 12345678A');
  });

  it('numbers placeholders per distinct value within one vault', () => {
    const vault = new PiiVault();
    expect(redactPii('a@b.co y c@d.co', vault)).toBe('[EMAIL_1] y [EMAIL_2]');
    expect(redactPii('otra vez A@B.CO', vault)).toBe('otra vez [EMAIL_1]');
  });

  it('redacts every free text of an input but keeps the customer name', () => {
    const input: AiInput = {
      locale: 'es',
      conversationId: 'c1',
      transcript: [{ id: 'm1', sender: 'CUSTOMER', text: 'mi móvil es +34612345678', at: new Date(0) }],
      customer: {
        name: 'Ana',
        phone: '+34 612 345 678',
        channel: 'WHATSAPP',
        fields: [{ label: 'Email', value: 'ana@example.com' }],
      },
      tags: ['vip'],
      notes: [{ author: 'Luis', body: 'pagó con 4111111111111111', at: new Date(0) }],
      templates: [],
      pastAgentReplies: ['escríbenos a soporte@tienda.example'],
      redactPii: true,
    };
    const out = redactInput(input);
    expect(out.transcript[0].text).toBe('mi móvil es [PHONE_1]');
    expect(out.customer).toEqual({
      name: 'Ana',
      phone: '[PHONE_1]',
      channel: 'WHATSAPP',
      fields: [{ label: 'Email', value: '[EMAIL_1]' }],
    });
    expect(out.notes[0].body).toBe('pagó con [CARD_1]');
    expect(out.pastAgentReplies[0]).toBe('escríbenos a [EMAIL_2]');
    expect(JSON.stringify(out)).not.toMatch(/612|4111|ana@/);
  });
});
