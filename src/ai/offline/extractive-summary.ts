import type { AiInput, AiLocale, SummaryContent, TranscriptMessage } from '../ai-input';
import { describeMedia } from '../media-description';
import { extractEntities } from './entities';
import { countMatches, lexiconText } from './lexicon-match';
import { detectMood } from './mood';
import { INTENTS, REQUEST_CUES, SMALL_TALK } from './support.lexicon';
import { fold, sentences, terms, tokenize, truncate } from './text-analysis';

interface Candidate {
  text: string;
  messageIndex: number;
  score: number;
  question: boolean;
}

const QUESTION_START =
  /^(que|qu[eé]|cu[aá]ndo|c[oó]mo|d[oó]nde|por qu[eé]|cu[aá]nto|cu[aá]l|when|where|how|why|what|which|can|could|is|are|do|does|will|quando|onde|como|por que|quanto|qual|pode|podem)\b/i;

// Agent messages that buy time are not answers.
const HOLDING = [
  'un momento',
  'lo reviso',
  'lo verifico',
  'dejame revisar',
  'dejame ver',
  'voy a revisar',
  'voy a consultar',
  'te aviso',
  'te paso con',
  'te transfiero',
  'un agente',
  'un asesor',
  'let me check',
  'one moment',
  'just a moment',
  'i ll check',
  'i will check',
  'checking',
  'transfer you',
  'an agent',
  'get back to you',
  'um momento',
  'vou verificar',
  'vou consultar',
  'deixa eu ver',
  'vou transferir',
  'um atendente',
  'aguarde',
];

const TEXT: Record<AiLocale, Record<string, string>> = {
  es: {
    writes: '{name} escribe por {channel}.',
    tags: 'Etiquetas: {tags}.',
    asks: 'Solicita: {request}',
    alsoSays: 'También indica: {text}',
    facts: 'Datos mencionados: {facts}.',
    files: 'Archivos del cliente: {files}',
    card: 'Ficha: {fields}.',
    lastAgent: 'Última respuesta del agente: «{text}»',
    lastBot: 'Último mensaje del bot: «{text}»',
    note: 'Nota interna ({author}): {text}',
    open: 'Pendiente: {count} sin responder.',
    noOpen: 'No quedan preguntas sin responder.',
    noMessages: 'El cliente todavía no ha escrito.',
    question: 'pregunta',
    questions: 'preguntas',
  },
  en: {
    writes: '{name} writes on {channel}.',
    tags: 'Tags: {tags}.',
    asks: 'Asks: {request}',
    alsoSays: 'Also says: {text}',
    facts: 'Details mentioned: {facts}.',
    files: 'Files from the customer: {files}',
    card: 'Customer card: {fields}.',
    lastAgent: 'Last agent reply: “{text}”',
    lastBot: 'Last bot message: “{text}”',
    note: 'Internal note ({author}): {text}',
    open: 'Pending: {count} unanswered.',
    noOpen: 'No unanswered questions.',
    noMessages: 'The customer has not written yet.',
    question: 'question',
    questions: 'questions',
  },
  pt: {
    writes: '{name} escreve pelo {channel}.',
    tags: 'Etiquetas: {tags}.',
    asks: 'Solicita: {request}',
    alsoSays: 'Também diz: {text}',
    facts: 'Dados mencionados: {facts}.',
    files: 'Arquivos do cliente: {files}',
    card: 'Ficha: {fields}.',
    lastAgent: 'Última resposta do agente: “{text}”',
    lastBot: 'Última mensagem do bot: “{text}”',
    note: 'Nota interna ({author}): {text}',
    open: 'Pendente: {count} sem resposta.',
    noOpen: 'Nenhuma pergunta sem resposta.',
    noMessages: 'O cliente ainda não escreveu.',
    question: 'pergunta',
    questions: 'perguntas',
  },
};

const MAX_FILES_LISTED = 5;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

const CHANNEL_NAMES: Record<string, string> = {
  WHATSAPP: 'WhatsApp',
  MESSENGER: 'Messenger',
  INSTAGRAM: 'Instagram',
  API: 'API',
};

function isQuestion(sentence: string): boolean {
  return sentence.includes('?') || QUESTION_START.test(fold(sentence).replace(/^[¿¡\s]+/, ''));
}

function scoreSentence(sentence: string): number {
  const folded = fold(sentence).trim();
  if (SMALL_TALK.test(folded)) return 0;
  const text = lexiconText(sentence);
  const words = tokenize(sentence).length;
  // Any sentence with content may carry a fact; cues decide which carry the request.
  let score = terms(sentence).length >= 2 ? 0.5 : 0;
  if (sentence.includes('?')) score += 2;
  score += 1.5 * Math.min(3, countMatches(text, REQUEST_CUES));
  score += Math.min(2, Object.values(INTENTS).filter((entries) => countMatches(text, entries) > 0).length);
  score += Math.min(2, extractEntities(sentence).length);
  if (words < 3) score *= 0.3;
  else if (words > 40) score *= 0.8;
  return score;
}

function candidatesOf(transcript: TranscriptMessage[]): Candidate[] {
  const out: Candidate[] = [];
  transcript.forEach((message, messageIndex) => {
    if (message.sender !== 'CUSTOMER') return;
    for (const sentence of sentences(message.text)) {
      const score = scoreSentence(sentence);
      if (score > 0) out.push({ text: sentence, messageIndex, score, question: isQuestion(sentence) });
    }
  });
  return out;
}

function isAnsweredLater(question: Candidate, transcript: TranscriptMessage[]): boolean {
  const asked = new Set(terms(question.text));
  const needsNumber = /\b(cu[aá]ndo|cu[aá]nto|when|how much|how long|quando|quanto)\b/i.test(question.text);
  return transcript.slice(question.messageIndex + 1).some((message) => {
    if (message.sender !== 'AGENT' && message.sender !== 'BOT') return false;
    const reply = lexiconText(message.text);
    if (countMatches(reply, HOLDING) > 0 && message.text.length < 160) return false;
    const overlap = terms(message.text).filter((term) => asked.has(term)).length;
    return overlap >= 1 || (needsNumber && /\d/.test(message.text));
  });
}

/** Sentences taken from different places read as one text only with their final stops. */
function joinSentences(list: string[]): string {
  return list.map((s, i) => (i < list.length - 1 && !/[.!?…»”]$/.test(s) ? `${s}.` : s)).join(' ');
}

function sameSentence(a: string, b: string): boolean {
  const ta = new Set(terms(a));
  const tb = terms(b);
  const shared = tb.filter((t) => ta.has(t)).length;
  return shared >= Math.max(1, Math.min(ta.size, tb.length) * 0.8);
}

/** The offline summary: customer sentences that carry the request, facts, open questions, mood. */
export function extractiveSummary(input: AiInput): SummaryContent {
  const t = TEXT[input.locale];
  const transcript = input.transcript.filter((m) => m.text.trim() !== '');
  const candidates = candidatesOf(transcript);
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.messageIndex - b.messageIndex);
  const mood = detectMood(transcript);

  // The opening statement usually names the problem and the product; the best-scored sentence says
  // what is wanted now. Both go in, then the next strongest sentences.
  const opening = candidates.find((c) => terms(c.text).length >= 3);
  const best = ranked[0];
  const main: Candidate[] = [];
  const add = (candidate: Candidate | undefined) => {
    if (candidate && !main.some((m) => m === candidate || sameSentence(m.text, candidate.text)))
      main.push(candidate);
  };
  add(best);
  add(opening);
  for (const candidate of ranked) {
    if (main.length >= 4) break;
    if (candidate.score < best.score * 0.4) break;
    add(candidate);
  }
  // What is wanted is best said by a question: add the strongest one when neither sentence asks.
  const topQuestion = ranked.find((c) => c.question && c.text.includes('?'));
  if (topQuestion && !best?.question && !opening?.question) add(topQuestion);
  const requestParts = [...main]
    .filter((c) => c === best || c === opening || c === topQuestion)
    .sort((a, b) => candidates.indexOf(a) - candidates.indexOf(b));
  const inOrder = [...main].sort((a, b) => candidates.indexOf(a) - candidates.indexOf(b));
  const customerRequest =
    requestParts.length > 0
      ? truncate(joinSentences(requestParts.map((c) => c.text)), 300)
      : (transcript.filter((m) => m.sender === 'CUSTOMER').map((m) => truncate(m.text, 200))[0] ??
        t.noMessages);

  const openQuestions: string[] = [];
  for (const candidate of [...candidates].reverse()) {
    if (openQuestions.length === 3) break;
    if (!candidate.question || isAnsweredLater(candidate, transcript)) continue;
    if (openQuestions.some((q) => sameSentence(q, candidate.text))) continue;
    openQuestions.unshift(truncate(candidate.text, 200));
  }
  // A request made after the last agent reply is open even when it is not phrased as a question.
  const lastAgent = transcript.map((m) => m.sender).lastIndexOf('AGENT');
  if (openQuestions.length === 0) {
    const pending = ranked.find((c) => c.messageIndex > lastAgent && c.score >= 2);
    if (pending) openQuestions.push(truncate(pending.text, 200));
  }

  const customerText = transcript
    .filter((m) => m.sender === 'CUSTOMER')
    .map((m) => m.text)
    .join('\n');
  const facts = extractEntities(customerText).slice(0, 8);
  const parts: string[] = [];
  const channel = CHANNEL_NAMES[input.customer.channel] ?? input.customer.channel;
  parts.push(fill(t.writes, { name: input.customer.name || '—', channel }));
  if (input.tags.length > 0) parts.push(fill(t.tags, { tags: input.tags.join(', ') }));
  if (best) {
    parts.push(fill(t.asks, { request: truncate(best.text, 220) }));
    const others = inOrder.filter((c) => c !== best);
    if (others.length > 0) {
      parts.push(fill(t.alsoSays, { text: joinSentences(others.map((c) => truncate(c.text, 180))) }));
    }
  } else {
    parts.push(t.noMessages);
  }
  if (facts.length > 0) parts.push(fill(t.facts, { facts: facts.join(', ') }));
  // What the customer sent besides words: the newest few files, described (never their bytes).
  const files = transcript
    .filter((m) => m.sender === 'CUSTOMER')
    .flatMap((m) => m.media ?? [])
    .slice(-MAX_FILES_LISTED);
  if (files.length > 0) parts.push(fill(t.files, { files: files.map(describeMedia).join(', ') }));
  const fields = input.customer.fields.filter((f) => f.value.trim() !== '').slice(0, 6);
  if (fields.length > 0) {
    parts.push(
      fill(t.card, { fields: fields.map((f) => `${f.label}: ${truncate(f.value, 60)}`).join('; ') }),
    );
  }
  const lastStaff = [...transcript].reverse().find((m) => m.sender === 'AGENT' || m.sender === 'BOT');
  if (lastStaff) {
    parts.push(
      fill(lastStaff.sender === 'AGENT' ? t.lastAgent : t.lastBot, { text: truncate(lastStaff.text, 160) }),
    );
  }
  const note = input.notes[input.notes.length - 1];
  if (note) parts.push(fill(t.note, { author: note.author, text: truncate(note.body, 160) }));
  parts.push(
    openQuestions.length > 0
      ? fill(t.open, {
          count: `${openQuestions.length} ${openQuestions.length === 1 ? t.question : t.questions}`,
        })
      : t.noOpen,
  );
  return {
    summary: parts.map((p) => (/[.!?…»”]$/.test(p) ? p : `${p}.`)).join(' '),
    customerRequest,
    openQuestions,
    mood,
  };
}
