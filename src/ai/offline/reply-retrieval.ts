import type { AiInput } from '../ai-input';
import { FALLBACK_REPLIES } from './fallback-replies';
import { countMatches, lexiconText } from './lexicon-match';
import { INTENTS } from './support.lexicon';
import { isNearDuplicate, terms } from './text-analysis';

export interface RankedReply {
  text: string;
  source: string;
  score: number;
}

interface Doc {
  text: string;
  source: string;
  tf: Map<string, number>;
  length: number;
  uses: number;
}

const K1 = 1.2;
const B = 0.75;
// Below this a candidate shares too little with the customer's words to be worth a click.
const MIN_SCORE = 1.5;
const INTENT_WEIGHT = 1.5;
const RELATIVE_FLOOR = 0.35;
const MIN_POOL = 20;

function intentsOf(text: string): string[] {
  const prepared = lexiconText(text);
  return Object.keys(INTENTS).filter((intent) => countMatches(prepared, INTENTS[intent]) > 0);
}

function termsWithIntents(text: string): string[] {
  return [...terms(text), ...intentsOf(text).map((intent) => `#${intent}`)];
}

/**
 * What the customer needs now: the messages since the last agent reply weigh most, earlier ones and
 * the tags less. Intent terms carry the meaning across different wordings.
 */
function buildQuery(input: AiInput): Map<string, number> {
  const query = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of termsWithIntents(text)) {
      const w = term.startsWith('#') ? weight * INTENT_WEIGHT : weight;
      query.set(term, Math.min(2 * INTENT_WEIGHT, (query.get(term) ?? 0) + w));
    }
  };
  const transcript = input.transcript.filter((m) => m.text.trim() !== '');
  const lastAgent = transcript.map((m) => m.sender).lastIndexOf('AGENT');
  const customer = transcript
    .map((message, index) => ({ message, index }))
    .filter(({ message }) => message.sender === 'CUSTOMER');
  let recent = customer.filter(({ index }) => index > lastAgent);
  if (recent.length === 0) recent = customer.slice(-2);
  for (const { message } of customer) add(message.text, recent.some((r) => r.message === message) ? 1 : 0.4);
  for (const tag of input.tags) add(tag, 0.5);
  return query;
}

function documents(input: AiInput): Doc[] {
  const docs = new Map<string, Doc>();
  const addDoc = (text: string, source: string, extra = '') => {
    const key = text.trim().toLowerCase();
    if (!key) return;
    const existing = docs.get(key);
    if (existing) {
      existing.uses++;
      return;
    }
    const list = termsWithIntents(`${text} ${extra}`);
    const tf = new Map<string, number>();
    for (const term of list) tf.set(term, (tf.get(term) ?? 0) + 1);
    docs.set(key, { text: text.trim(), source, tf, length: list.length, uses: 1 });
  };
  for (const template of input.templates) {
    addDoc(template.text, `template:${template.name}`, template.name.replace(/[_-]+/g, ' '));
  }
  for (const reply of input.pastAgentReplies) addDoc(reply, 'past-reply');
  return [...docs.values()];
}

const GREETING_NAME =
  /^((?:hola|hi|hello|hey|dear|ol[áa]|oi|buenas|buenos d[íi]as|buenas tardes|good (?:morning|afternoon|evening)|bom dia|boa tarde|boa noite|estimad[oa]|prezad[oa])[,!]?\s+)(\{\{\d+\}\}|[A-ZÁÉÍÓÚÑ][\p{L}'-]+)/iu;

/** Greets this customer instead of the one a past reply was written for. */
export function personalize(text: string, customerName: string): string {
  const firstName = customerName.trim().split(/\s+/)[0] ?? '';
  return text.replace(GREETING_NAME, (match, greeting: string) =>
    firstName ? `${greeting}${firstName}` : match,
  );
}

/** Saved replies ranked by BM25 against what the customer needs now; only those above the floor. */
export function rankSavedReplies(input: AiInput): RankedReply[] {
  const docs = documents(input);
  if (docs.length === 0) return [];
  const query = buildQuery(input);
  const queryIntents = new Set([...query.keys()].filter((term) => term.startsWith('#')));
  const averageLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length || 1;
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const ranked: RankedReply[] = [];
  for (const doc of docs) {
    let score = 0;
    for (const [term, weight] of query) {
      const tf = doc.tf.get(term);
      if (!tf) continue;
      const n = df.get(term) ?? 0;
      // A workspace with few saved replies must not make every term look common.
      const idf = Math.log(1 + (Math.max(docs.length, MIN_POOL) - n + 0.5) / (n + 0.5));
      score += weight * idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / averageLength)));
    }
    // A reply agents keep sending is a proven one.
    score *= 1 + 0.1 * Math.log(doc.uses);
    // A reply about another problem only shares incidental words: demote it.
    const docIntents = [...doc.tf.keys()].filter((term) => term.startsWith('#'));
    if (queryIntents.size > 0 && docIntents.length > 0 && !docIntents.some((i) => queryIntents.has(i)))
      score *= 0.6;
    if (score >= MIN_SCORE) ranked.push({ text: doc.text, source: doc.source, score });
  }
  ranked.sort((a, b) => b.score - a.score || a.text.localeCompare(b.text));
  // Far below the best, a saved reply is noise; an intent fallback serves the agent better.
  return ranked.filter((r) => r.score >= ranked[0].score * RELATIVE_FLOOR);
}

/** Intents of the customer's words, strongest first, for the fallback replies. */
function queryIntents(input: AiInput): string[] {
  return [...buildQuery(input).entries()]
    .filter(([term]) => term.startsWith('#'))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([term]) => term.slice(1));
}

/**
 * Three replies: the best saved replies, then locale fallbacks for the detected intent, then generic
 * ones; none near-duplicating another or anything in `exclude`.
 */
export function offlineSuggestions(
  input: AiInput,
  exclude: string[] = [],
  count = 3,
): Omit<RankedReply, 'score'>[] {
  const firstName = input.customer.name.trim().split(/\s+/)[0] ?? '';
  const picked: Omit<RankedReply, 'score'>[] = [];
  const take = (text: string, source: string) => {
    if (picked.length >= count) return;
    const seen = [...picked.map((p) => p.text), ...exclude];
    if (seen.some((other) => isNearDuplicate(text, other))) return;
    picked.push({ text, source });
  };
  for (const reply of rankSavedReplies(input))
    take(personalize(reply.text, input.customer.name), reply.source);
  const fallbacks = FALLBACK_REPLIES[input.locale];
  const fallbackTexts = [
    ...queryIntents(input).flatMap((intent) => fallbacks[intent] ?? []),
    ...fallbacks.generic,
  ];
  for (const text of fallbackTexts) {
    const named = firstName
      ? text.replace(/\{name\}/g, firstName)
      : text.replace(/,? \{name\}|\{name\},? ?/g, '');
    take(named, 'fallback');
  }
  return picked;
}
