/** Order numbers, amounts, dates and codes: the details an agent must not ask for again. */
const PATTERNS: RegExp[] = [
  // "pedido 48213", "order #A-1234", "encomenda nº 5521", "factura F-2024-118"
  /\b(?:pedido|order|orden|encomenda|compra|ticket|caso|case|reserva|booking|factura|invoice|fatura|protocolo|tracking|seguimiento|rastreio|contrato|contract|cuenta|account|conta)\s*(?:n[º°o]\.?|number|n[uú]mero|nr\.?|#)?\s*:?\s*#?[A-Z]{0,4}-?\d[\dA-Z-]{2,}/giu,
  /#[A-Z0-9-]*\d[A-Z0-9-]*/giu,
  // amounts with a currency before or after
  /(?:R\$|US\$|[$€£]|\b(?:USD|EUR|BRL|MXN|ARS|COP|CLP|GBP)\b)\s?\d[\d.,]*\d|\b\d[\d.,]*\s?(?:€|\b(?:euros?|d[oó]lares|dollars?|reais|pesos|USD|EUR|BRL|MXN|GBP)\b)/giu,
  // dates and times
  /\b\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2}\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro)\b/giu,
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/giu,
  /\b(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|segunda-feira|ter[çc]a-feira|quarta-feira|quinta-feira|sexta-feira)\b/giu,
  /\b\d{1,2}(?::\d{2})\s?(?:h|hs|am|pm)?\b|\b\d{1,2}\s?(?:am|pm)\b/giu,
  // relative days and preferred parts of the day
  /\b(?:today|tomorrow|tonight|yesterday|next week|this week|hoy|ayer|pasado mañana|esta semana|la semana que viene|hoje|amanh[ãa]|ontem|esta semana|semana que vem)\b/giu,
  /\b(?:mornings?|afternoons?|evenings?|por la (?:mañana|tarde|noche)|de (?:manh[ãa]|tarde|noite)|à tarde|a la tarde)\b/giu,
  /\bd[ií]a\s+\d{1,2}\b(?!\s*(?:%|€|\d))/giu,
  // street addresses: a street word, its name and a number
  /\b(?:calle|c\/|avenida|avda\.?|av\.|plaza|paseo|camino|carrera|street|st\.|avenue|ave\.?|road|rd\.|rua|travessa|alameda)\s+[\p{L} ]{2,40}?\s?\d+[\p{L}\dº°ª/ -]{0,8}/giu,
  // bare reference numbers (4 to 12 digits) not caught above
  /(?<![\d.,:/+-])\d{4,12}(?![\d.,:/-]*\d)/g,
  // codes mixing capitals and digits: tracking numbers, plan or product codes
  /\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{4,}[A-Z0-9]\b/gu,
];

export function extractEntities(text: string): string[] {
  const found: { at: number; value: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      found.push({ at: match.index ?? 0, value: match[0].trim().replace(/[.,;:]+$/, '') });
    }
  }
  found.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  for (const { value } of found) {
    const lower = value.toLowerCase();
    // Skip a number already contained in a longer mention ("48213" inside "pedido 48213").
    if (out.some((o) => o.toLowerCase().includes(lower) || lower.includes(o.toLowerCase()))) {
      const index = out.findIndex((o) => lower.includes(o.toLowerCase()));
      if (index >= 0 && value.length > out[index].length) out[index] = value;
      continue;
    }
    out.push(value);
  }
  return out;
}
