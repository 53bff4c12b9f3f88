import type { Intent, QuestionAnalysis, RelevantPassage } from './passages.js';

/**
 * The conditions passages state (ages, amounts, durations, deadlines, as written) and the rule that
 * a document repeating only what a more relevant one states is not used.
 */

/** Each kind of condition a sentence may carry, as it is written in the seed documents. */
export const CONDITION_PATTERNS: Record<Exclude<Intent, 'permit' | 'documents'>, RegExp> = {
  age: /\b(aged?\s+\d{2}(\s+(or|and)\s+(older|over|above))?|\d{2}\s+(or|and)\s+(older|over|above)|minimum age (is|of)\s+\**\d{2}\**)/gi,
  amount:
    /\b(IDR|USD|Rp\.?|EUR)\s?[\d.,]+(\s?(billion|million|thousand))?(\s+per\s+(day|month|year|person|position|foreign worker))?|\b\d+(\.\d+)?\s?%/gi,
  duration:
    /\b(\d+|one|two|three|four|five|six|ten|twelve)(\s*(to|-|–|or)\s*\d+)?[\s-](consecutive\s)?(days?|weeks?|months?|years?)\b(\s+(in total|at a time))?/gi,
  deadline:
    /\b(by|before|within|no later than|until)\s+(the\s+)?(\d+\s+(days?|weeks?|months?|years?)|\d{1,2}(st|nd|rd|th)?(\s+(of\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|the month))?)\b|\b\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b/gi,
};

/** Every match of the patterns in a sentence, without its bold markers, in pattern order. */
function matchesIn(text: string, patterns: readonly RegExp[]): string[] {
  const plain = text.replace(/\*\*/g, '');
  return patterns.flatMap((pattern) => [...plain.matchAll(pattern)].map((match) => match[0].trim()));
}

/** The conditions a sentence states, as written: "60 or older", "IDR 2 billion", "5 years", "by 31 March". */
export function conditionsIn(text: string): string[] {
  const found: string[] = [];
  for (const value of matchesIn(text, Object.values(CONDITION_PATTERNS))) {
    if (found.some((known) => known.includes(value))) continue;
    // "within 90 days" says more than the "90 days" found before it.
    const shorter = found.findIndex((known) => value.includes(known));
    if (shorter === -1) found.push(value);
    else found[shorter] = value;
  }
  return found;
}

/** The kinds of condition the question asks for (an age, an amount, a duration, a deadline). */
function askedKinds(intents: Set<Intent>): (keyof typeof CONDITION_PATTERNS)[] {
  return (Object.keys(CONDITION_PATTERNS) as (keyof typeof CONDITION_PATTERNS)[]).filter((kind) => intents.has(kind));
}

/** A condition as compared with others: "within 90 days" and "90 days", "Age 60 or older" and "60 or older" state the same. */
function conditionKey(condition: string): string {
  return condition
    .toLowerCase()
    .replace(/\*\*/g, '')
    .replace(/^(aged?|by|before|within|no later than|until)\s+(the\s+)?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A number of the thing the question counts: "two shareholders", "3 directors", "at least one Indonesian director". */
function countPattern(counted: string): RegExp {
  return new RegExp(
    `\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(\\p{L}+\\s+)?${counted.slice(0, Math.max(4, counted.length - 1))}\\p{L}*`,
    'giu',
  );
}

/** The conditions of the asked kinds a document's passages state, as keys. */
function askedConditions(analysis: QuestionAnalysis, passages: RelevantPassage[]): Set<string> {
  const patterns = askedKinds(analysis.intents).map((kind) => CONDITION_PATTERNS[kind]);
  if (analysis.counted) patterns.push(countPattern(analysis.counted));
  return new Set(passages.flatMap(({ sentences }) => sentences.flatMap(({ text }) => matchesIn(text, patterns).map(conditionKey))));
}

/**
 * When the question asks for an age, an amount, a duration, a deadline or a number of something
 * ("how many shareholders"), a document stays only if its sentences state one of that kind that no
 * more relevant document did; the most relevant stays too when no document states one. A source
 * repeating the same figure, or stating none where another does, adds a citation and nothing to the answer.
 */
export function withoutRepeats(analysis: QuestionAnalysis, passages: RelevantPassage[]): RelevantPassage[] {
  if (askedKinds(analysis.intents).length === 0 && !analysis.counted) return passages;
  const byDocument = new Map<string, RelevantPassage[]>();
  for (const passage of passages) {
    const key = passage.hit.citation.documentId;
    byDocument.set(key, [...(byDocument.get(key) ?? []), passage]);
  }
  const stated = new Set<string>();
  const kept = new Set<string>();
  const conditionsOf = new Map([...byDocument].map(([document, group]) => [document, askedConditions(analysis, group)]));
  const anyStates = [...conditionsOf.values()].some((conditions) => conditions.size > 0);
  [...byDocument].forEach(([document], at) => {
    const conditions = conditionsOf.get(document) ?? new Set<string>();
    const adds = [...conditions].some((condition) => !stated.has(condition));
    if (!adds && (at > 0 || anyStates)) return;
    kept.add(document);
    for (const condition of conditions) stated.add(condition);
  });
  return passages.filter((passage) => kept.has(passage.hit.citation.documentId));
}
