/** Lowercase without accents, so "devolución", "devolucion" and "DEVOLUCIÓN" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function tokenize(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// es, en and pt together: customers mix languages and the lists barely overlap with content words.
const STOP_WORDS = new Set(
  `a al algo alguna alguno algunos ante antes aqui asi aun bien cada como con contra cual cuando de del desde
  donde dos el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta estaba estan estas este esto
  estos estoy fue fueron ha habia han has hay he la las le les lo los me mi mis mas mucho muy nada ni no nos
  nosotros o os otra otro para pero poco por porque que quien se sea ser si sido sin sobre solo son soy su sus
  tambien tan te tengo tiene tienen ti tu tus un una uno unos unas usted ustedes va vamos y ya yo hola buenas
  buenos dias tardes noches gracias favor vale ok okay
  about after again all also am an and any are as at be been before being but by can could did do does doing
  for from had has have having he her here hers him his how i if in into is it its just me more most my no nor
  not now of off on once only or other our out over own same she should so some such than that the their them
  then there these they this those through to too under until up very was we were what when where which while
  who whom why will with would you your yours hi hello hey thanks thank please pls im ive dont
  ao aos as com da das de dele dela do dos e ela ele eles em entre essa esse esta estou este eu foi ha isso
  isto ja lhe mais mas meu minha muito na nas nao nem no nos o os ou para pela pelo por qual quando que se
  sem ser seu sua tambem tem tenho um uma voce voces oi ola obrigado obrigada boa bom dia tarde noite`.split(
    /\s+/,
  ),
);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

// Inflectional and common derivational endings of es/en/pt, longest first.
const SUFFIXES = [
  'amientos',
  'imientos',
  'amentos',
  'imentos',
  'amiento',
  'imiento',
  'amento',
  'imento',
  'ations',
  'ation',
  'aciones',
  'iciones',
  'uciones',
  'mente',
  'acion',
  'icion',
  'ucion',
  'acoes',
  'icoes',
  'acao',
  'icao',
  'ancias',
  'encias',
  'ancia',
  'encia',
  'adores',
  'adoras',
  'ador',
  'adora',
  'ieron',
  'iendo',
  'ando',
  'endo',
  'aron',
  'eron',
  'aram',
  'eram',
  'iram',
  'ados',
  'idos',
  'adas',
  'idas',
  'ado',
  'ido',
  'ada',
  'ida',
  'ing',
  'edly',
  'ed',
  'ly',
  'ies',
  'es',
  'as',
  'os',
  'ar',
  'er',
  'ir',
  's',
  'a',
  'o',
  'e',
  'y',
];
const STEM_LENGTH = 7;

/** A light stemmer: strips one ending, then truncates, which suits the Romance languages well. */
export function stem(token: string): string {
  if (/^\d/.test(token) || token.length <= 3) return token;
  let base = token;
  for (const suffix of SUFFIXES) {
    if (base.endsWith(suffix) && base.length - suffix.length >= 3) {
      if (suffix === 's' && base.endsWith('ss')) continue;
      base = base.slice(0, -suffix.length);
      break;
    }
  }
  if (base.length > 3 && base[base.length - 1] === base[base.length - 2]) base = base.slice(0, -1);
  return base.slice(0, STEM_LENGTH);
}

/** Content terms of a text: stemmed, without stop words. */
export function terms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !isStopWord(token) && (token.length > 1 || /\d/.test(token)))
    .map(stem);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/** True when two replies say the same thing, give or take a word or the customer's name. */
export function isNearDuplicate(a: string, b: string): boolean {
  const fa = tokenize(a).join(' ');
  const fb = tokenize(b).join(' ');
  if (fa === fb) return true;
  return jaccard(new Set(terms(withoutNames(a))), new Set(terms(withoutNames(b)))) >= 0.7;
}

/** Capitalised words inside a sentence are mostly names, which do not change what a reply says. */
function withoutNames(text: string): string {
  return text.replace(/(?<=[\p{L},]\s+)\p{Lu}[\p{Ll}'-]+/gu, ' ');
}

// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS =
  /(?:^|\s)(?:dr|dra|sr|sra|srta|mr|mrs|ms|st|av|avda|nº|n|no|núm|num|etc|approx|aprox|ud|uds|vd|p\.ej|e\.g|i\.e)\.$/i;

/** Sentences of a message, keeping their end punctuation; dots inside numbers and abbreviations do not split. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    let current = '';
    const parts = line.split(/(?<=[.!?…]+)\s+/);
    for (const part of parts) {
      current = current ? `${current} ${part}` : part;
      if (!ABBREVIATIONS.test(current)) {
        out.push(current.trim());
        current = '';
      }
    }
    if (current.trim()) out.push(current.trim());
  }
  return out.filter((s) => /[\p{L}\p{N}]/u.test(s));
}

export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:\s]+$/, '')}…`;
}
