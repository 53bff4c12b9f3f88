import type { MemoryFactEntity } from './fact.entity.js';

const STOP_WORDS = new Set(
  'a an and are as at be by do does for from has have how i in is it its my of on or our the their this to was we what when where which who will with you your'.split(
    ' ',
  ),
);
const RECENCY_HALF_LIFE_DAYS = 90;
const RECENCY_WEIGHT = 0.3;

function terms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 1 && !STOP_WORDS.has(term));
}

/** Terms match when equal or when one is a prefix of the other of at least four letters (visa ~ visas). */
function matches(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/**
 * Ranks facts for a query: the share of query terms a fact contains (its kind counts as a word of
 * it), plus a recency bonus that halves every 90 days. Facts with no term in common rank after
 * those that match, newest first.
 */
export function rankFacts<F extends Pick<MemoryFactEntity, 'content' | 'kind' | 'updatedAt'>>(
  facts: F[],
  query: string,
  limit: number,
  now = Date.now(),
): F[] {
  const wanted = [...new Set(terms(query))];
  return facts
    .map((fact) => {
      const words = [...terms(fact.content), fact.kind.toLowerCase()];
      const hits = wanted.filter((term) => words.some((word) => matches(term, word))).length;
      const lexical = wanted.length > 0 ? hits / wanted.length : 0;
      const ageDays = (now - fact.updatedAt.getTime()) / 86_400_000;
      const recency = Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS);
      return { fact, lexical, score: lexical + RECENCY_WEIGHT * recency };
    })
    .sort((a, b) => Number(b.lexical > 0) - Number(a.lexical > 0) || b.score - a.score)
    .slice(0, limit)
    .map(({ fact }) => fact);
}
