import { FactKind } from './fact.enums.js';

/** A fact found in a message, before deduplication. */
export interface FactCandidate {
  kind: FactKind;
  /** One current fact per client and slot: a new value for a slot supersedes the old one. Null: no slot. */
  slot: string | null;
  content: string;
}

const NATIONALITIES =
  'Australian|American|British|English|Scottish|Irish|German|French|Dutch|Belgian|Russian|Ukrainian|Italian|Japanese|Korean|Chinese|Singaporean|Malaysian|Canadian|New Zealander|Kiwi|Swiss|Swedish|Norwegian|Danish|Finnish|Polish|Indian|Brazilian|Spanish|Portuguese|Austrian|Israeli|South African|Indonesian';
const COUNTRIES: Record<string, string> = {
  australia: 'Australian',
  'the us': 'American',
  usa: 'American',
  'the uk': 'British',
  england: 'British',
  germany: 'German',
  france: 'French',
  'the netherlands': 'Dutch',
  holland: 'Dutch',
  russia: 'Russian',
  italy: 'Italian',
  japan: 'Japanese',
  korea: 'Korean',
  china: 'Chinese',
  singapore: 'Singaporean',
  canada: 'Canadian',
  'new zealand': 'New Zealander',
  switzerland: 'Swiss',
  sweden: 'Swedish',
  india: 'Indian',
  brazil: 'Brazilian',
  spain: 'Spanish',
};
const VISA = String.raw`KITAP|KITAS|VOA|visa on arrival|B211A|C1 visa|D2 visa|E28A|E33E|E33F|E33G|E23|E31A|second[- ]home visa|retirement (?:KITAS|visa)|investor (?:KITAS|visa)|digital nomad visa|work (?:KITAS|permit)`;
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE = String.raw`\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)? (?:${MONTHS})(?: \d{4})?|(?:${MONTHS}) \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|(?:${MONTHS}) \d{4}|next (?:week|month|year)`;
const AMOUNT = String.raw`(?:IDR|Rp\.?|USD|US\$|\$|AUD|A\$|EUR|€|SGD)\s?\d[\d.,]*\s?(?:k|K|m|M|million|billion|juta|miliar|jt)?|\d[\d.,]*\s?(?:million|billion|juta|miliar|k)\s?(?:IDR|rupiah|USD|dollars|AUD|euros?)`;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:!?]+$/, '');
}

type Rule = (text: string) => FactCandidate[];

const rules: Rule[] = [
  (text) => {
    const stated = new RegExp(
      String.raw`\b(?:I am|I'm|we are|we're|he is|she is|client is|my (?:wife|husband|partner) is)\s+(?:an?\s+)?(${NATIONALITIES})\b`,
      'i',
    ).exec(text);
    const from = new RegExp(
      String.raw`\b(?:I am|I'm|we are|we're|I come|we come)\s+from\s+(${Object.keys(COUNTRIES).join('|')})\b`,
      'i',
    ).exec(text);
    const value = stated?.[1] ?? (from?.[1] ? COUNTRIES[from[1].toLowerCase()] : undefined);
    if (!value || /my (?:wife|husband|partner) is/i.test(stated?.[0] ?? '')) return [];
    const nationality =
      value.charAt(0).toUpperCase() +
      value
        .slice(1)
        .toLowerCase()
        .replace(/ (\w)/g, (_, c: string) => ` ${c.toUpperCase()}`);
    return [{ kind: FactKind.NATIONALITY, slot: 'nationality', content: `Nationality: ${nationality}` }];
  },
  (text) => {
    const held = new RegExp(
      String.raw`\b(?:I have|I hold|I'm on|I am on|I got|we have|we hold|currently on|holding)\s+(?:a |an |my |the )?(${VISA})\b`,
      'i',
    ).exec(text);
    return held?.[1] ? [{ kind: FactKind.VISA, slot: 'visa.current', content: `Current visa: ${held[1]}` }] : [];
  },
  (text) => {
    const expiry = new RegExp(
      String.raw`\b(${VISA}|visa|permit|stay permit)\b[^.?!]{0,40}?\b(?:expires?|expiring|ends|runs out|is valid until|valid until)\b\s*(?:on|in|at)?\s*(${DATE})`,
      'i',
    ).exec(text);
    return expiry?.[2]
      ? [{ kind: FactKind.VISA, slot: 'visa.expiry', content: `${tidy(expiry[1] ?? 'Visa')} expires ${tidy(expiry[2])}` }]
      : [];
  },
  (text) => {
    const plan =
      /\b(?:want|wants|plan|plans|planning|going|intend|hope|would like)\s+to\s+(open|start|set up|setup|register|launch|build|run)\s+([^.?!;]{3,80})/i.exec(
        text,
      );
    if (
      !plan?.[2] ||
      !/\b(company|PT PMA|PT|business|restaurant|caf[eé]|villa|hotel|guest ?house|shop|studio|agency|school|clinic|bar|spa|startup|rental)\b/i.test(
        plan[2],
      )
    )
      return [];
    return [{ kind: FactKind.COMPANY, slot: 'company.plan', content: `Plans to ${plan[1]?.toLowerCase()} ${tidy(plan[2])}` }];
  },
  (text) => {
    const budget =
      new RegExp(String.raw`\bbudget\b[^.?!]{0,30}?(${AMOUNT})`, 'i').exec(text) ??
      new RegExp(String.raw`(${AMOUNT})[^.?!]{0,20}\bbudget\b`, 'i').exec(text);
    return budget?.[1] ? [{ kind: FactKind.BUDGET, slot: 'budget', content: `Budget: ${tidy(budget[1])}` }] : [];
  },
  (text) => {
    const found: FactCandidate[] = [];
    const married = /\bmarried to an? (Indonesian|local|foreigner|[A-Z][a-z]+)\b/.exec(text);
    const spouse = /\bmy (wife|husband|partner|spouse|fiancée?)\b/i.exec(text);
    if (married?.[1])
      found.push({
        kind: FactKind.FAMILY,
        slot: 'family.spouse',
        content: `Married to ${/^[aeiou]/i.test(married[1]) ? 'an' : 'a'} ${married[1]}${married[1] === 'Indonesian' ? ' citizen' : ''}`,
      });
    else if (spouse?.[1]) found.push({ kind: FactKind.FAMILY, slot: 'family.spouse', content: `Has a ${spouse[1].toLowerCase()}` });
    const children = /\b(\d|one|two|three|four|five|six) (?:kids|children|sons|daughters|child)\b/i.exec(text);
    if (children?.[1]) {
      const count = NUMBER_WORDS[children[1].toLowerCase()] ?? Number(children[1]);
      found.push({ kind: FactKind.FAMILY, slot: 'family.children', content: `Has ${count} ${count === 1 ? 'child' : 'children'}` });
    }
    return found;
  },
  (text) => {
    const found: FactCandidate[] = [];
    const arrival = new RegExp(
      String.raw`\b(?:arriv(?:e|ing|es)|land(?:ing|s)?|moving to Bali|move to Bali|fly(?:ing)? in)\b[^.?!]{0,30}?\b(?:on|in|at)\s+(${DATE})`,
      'i',
    ).exec(text);
    const departure = new RegExp(
      String.raw`\b(?:leav(?:e|ing|es)|depart(?:ing|s)?|fly(?:ing)? out|go(?:ing)? home)\b[^.?!]{0,30}?\b(?:on|in|at)\s+(${DATE})`,
      'i',
    ).exec(text);
    if (arrival?.[1]) found.push({ kind: FactKind.DATE, slot: 'date.arrival', content: `Arrives ${tidy(arrival[1])}` });
    if (departure?.[1]) found.push({ kind: FactKind.DATE, slot: 'date.departure', content: `Leaves ${tidy(departure[1])}` });
    return found;
  },
];

/**
 * The rule-based extractor used without a model key: finds what matters to this agency in what a
 * client said (nationality, visa and its expiry, company plans, budget, family, travel dates).
 * It reads English only and misses facts phrased in ways the rules do not know.
 */
export function extractFacts(text: string): FactCandidate[] {
  const bySlot = new Map<string, FactCandidate>();
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    for (const rule of rules) for (const candidate of rule(sentence)) bySlot.set(candidate.slot ?? candidate.content, candidate);
  }
  return [...bySlot.values()];
}
