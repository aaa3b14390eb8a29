import type { AiInput } from './ai-input';

export type PiiKind = 'EMAIL' | 'CARD' | 'ID' | 'PHONE';

/**
 * Numbers the placeholders per distinct value across one input, so the model can still tell that
 * two messages mention the same phone without ever seeing it.
 */
export class PiiVault {
  private readonly byValue = new Map<string, string>();
  private readonly counters: Record<PiiKind, number> = { EMAIL: 0, CARD: 0, ID: 0, PHONE: 0 };

  placeholder(kind: PiiKind, value: string): string {
    const key = `${kind}:${kind === 'EMAIL' ? value.toLowerCase() : value.replace(/\D/g, '') || value}`;
    let placeholder = this.byValue.get(key);
    if (!placeholder) {
      placeholder = `[${kind}_${++this.counters[kind]}]`;
      this.byValue.set(key, placeholder);
    }
    return placeholder;
  }

  get count(): number {
    return this.byValue.size;
  }
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function cpfValid(digits: string): boolean {
  if (digits.length !== 11 || /^(\d)\1{10}$/.test(digits)) return false;
  const check = (length: number) => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += Number(digits[i]) * (length + 1 - i);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return check(9) === Number(digits[9]) && check(10) === Number(digits[10]);
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function dniValid(number: string, letter: string): boolean {
  return DNI_LETTERS[Number(number) % 23] === letter.toUpperCase();
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
// 13–19 digits, optionally grouped by spaces or dashes.
const CARD = /(?<![\d])\d(?:[ -]?\d){12,18}(?!\d)/g;
const CPF = /(?<![\d.])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d])/g;
const SSN = /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g;
const DNI = /(?<![\w])(\d{8})[ -]?([A-Z])(?![\w])/gi;
const NIE = /(?<![\w])([XYZ])[ -]?(\d{7})[ -]?([A-Z])(?![\w])/gi;
// Any id introduced by its name, whatever the country's format.
const NAMED_ID =
  /\b(DNI|NIE|NIF|CPF|CNPJ|RG|SSN|RUT|CURP|CUIT|CUIL|c[ée]dula|documento|passport|pasaporte|passaporte)\b([\s:#nº°.-]*(?:de identidad\s*)?)([A-Z0-9][A-Z0-9.-]{4,18}[A-Z0-9])/gi;
const PHONE = /(?<![\w#/.,(-])(?:\+|00|\()?\d(?:[\s().-]{0,2}\d){6,14}(?![\w])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$|^\d{2}[.-]\d{2}[.-]\d{4}$/;
// A long number right after one of these words is a reference, not a phone.
const REFERENCE_BEFORE =
  /(pedido|order|orden|encomenda|rastreio|tracking|seguimiento|factura|invoice|fatura|ticket|ref\w*|reserva|booking|protocolo|caso|case|n[º°o]\.?|#)\W{0,3}$/i;

/** Replaces e-mails, card numbers (Luhn-checked), national ids and phone numbers by placeholders. */
export function redactPii(text: string, vault = new PiiVault()): string {
  if (!text) return text;
  let out = text.replace(EMAIL, (match) => vault.placeholder('EMAIL', match));
  out = out.replace(CARD, (match) => {
    const digits = digitsOf(match);
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits)
      ? vault.placeholder('CARD', match)
      : match;
  });
  out = out.replace(NAMED_ID, (match, name: string, gap: string, value: string) =>
    digitsOf(value).length >= 5 ? `${name}${gap}${vault.placeholder('ID', value)}` : match,
  );
  out = out.replace(CPF, (match) => {
    const formatted = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(match);
    return formatted || cpfValid(digitsOf(match)) ? vault.placeholder('ID', match) : match;
  });
  out = out.replace(SSN, (match) => vault.placeholder('ID', match));
  out = out.replace(NIE, (match, prefix: string, number: string, letter: string) => {
    const value = `${'XYZ'.indexOf(prefix.toUpperCase())}${number}`;
    return dniValid(value, letter) ? vault.placeholder('ID', match) : match;
  });
  out = out.replace(DNI, (match, number: string, letter: string) =>
    dniValid(number, letter) ? vault.placeholder('ID', match) : match,
  );
  out = out.replace(PHONE, (match, offset: number, whole: string) => {
    const candidate = match.trim();
    const digits = digitsOf(candidate);
    const international = /^(\+|00)/.test(candidate);
    if (digits.length < (international ? 7 : 8) || digits.length > 15) return match;
    if (ISO_DATE.test(candidate)) return match;
    if (!international && REFERENCE_BEFORE.test(whole.slice(Math.max(0, offset - 25), offset))) return match;
    return vault.placeholder('PHONE', candidate);
  });
  return out;
}

/** The input with every free text and card value redacted; the customer's name is kept for greetings. */
export function redactInput(input: AiInput, vault = new PiiVault()): AiInput {
  const r = (text: string) => redactPii(text, vault);
  return {
    ...input,
    transcript: input.transcript.map((message) => ({ ...message, text: r(message.text) })),
    customer: {
      ...input.customer,
      phone: input.customer.phone ? vault.placeholder('PHONE', input.customer.phone) : input.customer.phone,
      fields: input.customer.fields.map((f) => ({ label: f.label, value: r(f.value) })),
    },
    notes: input.notes.map((note) => ({ ...note, body: r(note.body) })),
    templates: input.templates.map((t) => ({ name: t.name, text: r(t.text) })),
    pastAgentReplies: input.pastAgentReplies.map(r),
  };
}
