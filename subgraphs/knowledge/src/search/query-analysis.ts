/** What a question asks for, as the figures that would answer it. */
export type AnswerKind = 'age' | 'amount' | 'rate' | 'duration' | 'date';

/** What the rerank reads from a question beyond its words. */
export interface QueryFacts {
  /** Numbers the question states (2.5, 183, 60000), normalised as {@link numbersIn} does; an age the asker gives is left out. */
  numbers: string[];
  /** Permit, business and regulation codes (E33F, 55193, 55/2022, PPh 21 as "pph21"). */
  codes: string[];
  /** The kinds of figure the question asks about. */
  asks: AnswerKind[];
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

/** What a passage's text carries, per kind of figure. */
const CARRIES: Record<AnswerKind, RegExp> = {
  age: /\b(?:aged?|age of|minimum age(?: is)?)\s+\d{2}\b|\b\d{2}\s*(?:or older|or over|and over|and older|\+)/i,
  amount: /\b(?:idr|usd|rp|eur)\.?\s*[\d.,]+|\b\d[\d.,]*\s*(?:billion|million|miliar|juta)\b/i,
  rate: /\d(?:[.,]\d+)?\s*%/,
  duration:
    /\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+)?[\s-]*(?:days?|weeks?|months?|years?)\b|\b(?:one|two|three|five|ten) (?:days?|weeks?|months?|years?)\b/i,
  date: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b|\\b(?:${MONTHS})\\s+\\d{4}\\b|\\bthe \\d{1,2}(?:st|nd|rd|th)\\b`, 'i'),
};

/** "I am 58", "my dad is 57": an age the asker states (not "is 10 billion" or "am 30 days"). */
const STATED_AGE =
  /\b(?:i am|i'm|im|is|am|aged?)\s+(\d{2})\b(?!\s*(?:[.,]\d|%|k\b|-|days|weeks|months|years? (?:on|of|in|straight)|million|billion|juta|miliar|rooms))/i;

/** What asks for each kind, in English and the Indonesian clients mix in. */
const ASKS: Record<AnswerKind, RegExp> = {
  age: new RegExp(`\\b(?:how old|age|ages|aged|umur|usia|old enough|years old)\\b|${STATED_AGE.source}`, 'i'),
  amount:
    /\bhow much\b|\bberapa\b(?!\s+(?:lama|tahun|hari|bulan|persen))|\b(?:cost|costs|fee|fees|price|cheapest|capital|modal|deposit|fine|fines|denda|salary|income|earn|threshold|minimum)\b/i,
  rate: /\b(?:rate|rates|percent|percentage|persen|bracket|brackets)\b|%/i,
  duration:
    /\bhow long\b|\bberapa lama\b|\bhow many (?:years|months|days|weeks)\b|\b(?:valid|validity|term|duration|expire|expires|extend)\b/i,
  date: /\b(?:when|deadline|deadlines|kapan|which day|what date|due|by when)\b/i,
};

/**
 * Numbers written in `text`, normalised: thousands separators dropped (60,000 → 60000), a "k"
 * suffix multiplied out (150k → 150000), decimals kept (2.5). Single digits say too little to keep.
 */
export function numbersIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\d])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(k\b)?/gu)) {
    const digits = (match[1] ?? '').replace(/,/g, '');
    const value = match[2] ? String(Number(digits) * 1000) : digits;
    if (value.length > 1 || value.includes('.')) found.add(value);
  }
  return [...found];
}

/** Codes in `text`: permit indexes (E33F, C12), five-digit KBLI codes, regulation numbers (55/2022) and tax articles (PPh 21 → pph21). */
export function codesIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b([a-e]\d{1,2}[a-z]?)\b/gi)) found.add((match[1] ?? '').toLowerCase());
  for (const match of text.matchAll(/\b(\d{5})\b/g)) found.add(match[1] ?? '');
  for (const match of text.matchAll(/\b(\d{1,4}\/\d{4})\b/g)) found.add(match[1] ?? '');
  for (const match of text.matchAll(/\bpph\s*(\d{2})\b/gi)) found.add(`pph${match[1] ?? ''}`);
  return [...found];
}

export function analyseQuery(question: string): QueryFacts {
  const age = STATED_AGE.exec(question)?.[1];
  const asks = (Object.keys(ASKS) as AnswerKind[]).filter((kind) => ASKS[kind].test(question));
  const codes = codesIn(question);
  return {
    numbers: numbersIn(question).filter((n) => n !== age && !codes.includes(n)),
    codes,
    asks,
  };
}

/** The kinds of figure a passage carries. */
export function figuresIn(text: string): Set<AnswerKind> {
  return new Set((Object.keys(CARRIES) as AnswerKind[]).filter((kind) => CARRIES[kind].test(text)));
}
