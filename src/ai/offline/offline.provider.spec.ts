import type { AiInput } from '../ai-input';
import { generateSuggestions, generateSummary } from '../assistant';
import { createAiProvider } from '../provider';
import { deliveryInput } from '../../testing/fixtures/ai-input.fixture';
import { extractEntities } from './entities';
import { detectMood } from './mood';
import { OfflineAiProvider } from './offline.provider';
import { offlineSuggestions, personalize } from './reply-retrieval';
import { isNearDuplicate, sentences, stem } from './text-analysis';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute));
const customer = (text: string, minute = 0) => ({
  id: `c${minute}`,
  sender: 'CUSTOMER' as const,
  text,
  at: at(minute),
});
const agent = (text: string, minute = 0) => ({
  id: `a${minute}`,
  sender: 'AGENT' as const,
  text,
  at: at(minute),
});

describe('offline text analysis', () => {
  it('folds accents and stems es/en/pt inflections to the same term', () => {
    expect(stem('cancelacion')).toBe(stem('cancelar'));
    expect(stem('refunded')).toBe(stem('refund'));
    expect(stem('encomendas')).toBe(stem('encomenda'));
    expect(stem('addresses')).toBe(stem('address'));
  });

  it('splits sentences without breaking amounts or abbreviations', () => {
    expect(sentences('I paid $129.99 to Dr. Patel. Where is it? Thanks')).toEqual([
      'I paid $129.99 to Dr. Patel.',
      'Where is it?',
      'Thanks',
    ]);
  });

  it('treats replies that differ by a name as duplicates', () => {
    expect(
      isNearDuplicate('Hola Ana, tu pedido está en camino.', 'Hola Luis, tu pedido está en camino.'),
    ).toBe(true);
    expect(isNearDuplicate('Tu pedido está en camino.', 'Tu reembolso está procesado.')).toBe(false);
  });

  it('extracts order numbers, amounts, dates and codes', () => {
    expect(extractEntities('Pedido 48213 de 45,90 € del 3 de mayo, seguimiento LX123456789ES')).toEqual([
      'Pedido 48213',
      '45,90 €',
      '3 de mayo',
      'seguimiento LX123456789ES',
    ]);
  });
});

describe('offline mood', () => {
  it('reads anger, frustration, worry, confusion and happiness in es/en/pt, with emojis and punctuation', () => {
    expect(detectMood([customer('Esto es INACEPTABLE, una vergüenza!!!')])).toBe('angry');
    expect(detectMood([customer('It is still not here, third time I ask 😤')])).toBe('frustrated');
    expect(detectMood([customer('É urgente, preciso hoje 😟')])).toBe('worried');
    expect(detectMood([customer("I don't understand how do I change it 🤔")])).toBe('confused');
    expect(detectMood([customer('Perfecto, muchas gracias, sois geniales 😊')])).toBe('happy');
    expect(detectMood([customer('Quiero cambiar la dirección de entrega')])).toBe('calm');
  });
});

describe('offline summary', () => {
  it('carries the request, the facts, the card and the open question', async () => {
    const result = await generateSummary(deliveryInput(), new OfflineAiProvider());
    expect(result.provider).toBe('offline');
    expect(result.promptVersion).toBe('offline.v1');
    expect(result.tokenUsage).toBeNull();
    expect(result.lastMessageId).toBe('m5');
    expect(result.customerRequest).toContain('48213');
    expect(result.customerRequest).toContain('¿Dónde está mi paquete?');
    expect(result.summary).toContain('Ana García escribe por WhatsApp');
    expect(result.summary).toContain('C-20931');
    expect(result.openQuestions).toEqual(['¿Dónde está mi paquete?']);
    expect(result.mood).toBe('frustrated');
  });

  it('closes a question once an agent answers it, and keeps one the agent only stalled on', async () => {
    const input: AiInput = {
      ...deliveryInput({ locale: 'en' }),
      transcript: [
        customer('When will my refund arrive?', 1),
        agent('Your refund was issued yesterday and takes 5 days.', 2),
        customer('Can I also change my delivery address?', 3),
        agent('One moment, let me check.', 4),
      ],
    };
    const result = await generateSummary(input, new OfflineAiProvider());
    expect(result.openQuestions).toEqual(['Can I also change my delivery address?']);
    expect(result.summary).toContain('Last agent reply');
  });

  it('handles an empty transcript', async () => {
    const result = await generateSummary({ ...deliveryInput(), transcript: [] }, new OfflineAiProvider());
    expect(result.customerRequest).toBe('El cliente todavía no ha escrito.');
    expect(result.lastMessageId).toBeNull();
    expect(result.mood).toBe('calm');
  });
});

describe('offline suggestions', () => {
  it('retrieves the saved replies that fit, personalised, ranked 1 to 3', async () => {
    const suggestions = await generateSuggestions(deliveryInput(), new OfflineAiProvider());
    expect(suggestions.map((s) => s.rank)).toEqual([1, 2, 3]);
    expect(suggestions[0]).toMatchObject({ source: 'template:estado_envio' });
    expect(suggestions[0].text).toMatch(/^Hola Ana, tu pedido/);
    expect(suggestions.map((s) => s.source)).toContain('past-reply');
    expect(suggestions.map((s) => s.source)).not.toContain('template:reembolso');
  });

  it('finds a reply through the intent when the words differ', () => {
    const input: AiInput = {
      ...deliveryInput(),
      transcript: [customer('Me cobraron dos veces este mes')],
      templates: [
        { name: 'cargo_duplicado', text: 'Hemos detectado el cargo duplicado y emitimos el abono.' },
        { name: 'horario', text: 'Nuestro horario es de 9 a 18 h.' },
      ],
      pastAgentReplies: [],
    };
    expect(offlineSuggestions(input)[0]).toEqual({
      text: 'Hemos detectado el cargo duplicado y emitimos el abono.',
      source: 'template:cargo_duplicado',
    });
  });

  it('on a refresh returns a new set that repeats none of the previous one', async () => {
    const provider = new OfflineAiProvider();
    const first = await generateSuggestions(deliveryInput(), provider);
    const second = await generateSuggestions(deliveryInput(), provider, {
      exclude: first.map((s) => s.text),
    });
    expect(second).toHaveLength(3);
    for (const s of second) expect(first.map((f) => f.text)).not.toContain(s.text);
  });

  it('falls back to locale replies for the intent when nothing saved matches', () => {
    const input: AiInput = {
      ...deliveryInput({ locale: 'pt' }),
      customer: { name: 'Bruno Lima', phone: '', channel: 'WHATSAPP', fields: [] },
      transcript: [customer('Esqueci minha senha e não consigo entrar')],
      templates: [],
      pastAgentReplies: [],
    };
    const [first, ...rest] = offlineSuggestions(input);
    expect(first.source).toBe('fallback');
    expect(first.text).toContain('senha');
    expect(first.text).toContain('Bruno');
    expect(rest).toHaveLength(2);
  });

  it('is deterministic', async () => {
    const provider = new OfflineAiProvider();
    expect(await generateSuggestions(deliveryInput(), provider)).toEqual(
      await generateSuggestions(deliveryInput(), provider),
    );
    expect(await generateSummary(deliveryInput(), provider)).toMatchObject({
      summary: (await generateSummary(deliveryInput(), provider)).summary,
    });
  });

  it('greets the current customer in a reply written for another', () => {
    expect(personalize('Hola María, ya está en camino.', 'Ana García')).toBe('Hola Ana, ya está en camino.');
    expect(personalize('Hi {{1}}, thanks!', 'Sam')).toBe('Hi Sam, thanks!');
  });
});

describe('createAiProvider', () => {
  const base = {
    openaiApiKey: undefined,
    openaiBaseUrl: undefined,
    openaiModel: 'gpt-4o-mini',
    anthropicApiKey: undefined,
    anthropicModel: 'claude-3-5-haiku-latest',
    ollamaBaseUrl: undefined,
    ollamaModel: 'llama3.1',
    aiTimeoutMs: 1000,
  };

  it('chooses by configuration: OpenAI-compatible, then Anthropic, then Ollama, else offline', () => {
    expect(createAiProvider(base)).toMatchObject({ name: 'offline', remote: false });
    expect(createAiProvider({ ...base, ollamaBaseUrl: 'http://127.0.0.1:11434' })).toMatchObject({
      name: 'ollama',
      model: 'llama3.1',
      remote: true,
    });
    expect(createAiProvider({ ...base, anthropicApiKey: 'k', ollamaBaseUrl: 'http://x' })).toMatchObject({
      name: 'anthropic',
    });
    // A local vLLM or llama.cpp server needs a base URL only.
    expect(
      createAiProvider({ ...base, openaiBaseUrl: 'http://127.0.0.1:8000/v1', anthropicApiKey: 'k' }),
    ).toMatchObject({ name: 'openai', model: 'gpt-4o-mini' });
  });
});
