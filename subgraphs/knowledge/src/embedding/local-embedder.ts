import type { Embedder } from './embedder.js';

const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from has have how i if in into is it its me my no not of on or our so than that the their them then there these they this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

/** FNV-1a, 32 bits: a fast, stable hash for feature hashing. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower case, accents folded, a light English suffix strip (visas → visa, renewing → renew). */
export function normaliseTerm(word: string): string {
  // Most words are ASCII, where folding accents changes nothing and costs a third of tokenizing.
  const plain = /[^ -~]/.test(word) ? word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() : word.toLowerCase();
  if (plain.length <= 4 || /\d/.test(plain)) return plain;
  return plain.replace(/(?:ies)$/, 'y').replace(/(?:ing|ed|es|s)$/, '');
}

export function tokenize(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(normaliseTerm).filter((term) => term.length > 1 && !STOP_WORDS.has(term));
}

/**
 * An offline embedder that needs no model download: word unigrams and bigrams plus character
 * 3- to 5-grams of each word, hashed into a fixed number of signed buckets, weighted by
 * 1 + log(tf), L2-normalised. It matches shared words and spelling variants (KITAS / kitas,
 * visa / visas, typos) well; it knows no synonyms, so a paraphrase that shares no words with the
 * passage ("stay permit" for "KITAS") is missed — keyword search has the same blind spot, and a
 * hosted embedder does not.
 */
export class LocalEmbedder implements Embedder {
  readonly name: string;

  constructor(readonly dimension = 1024) {
    this.name = `local-hash-v1-${dimension}`;
  }

  embed(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((text) => this.vector(text)));
  }

  private vector(text: string): number[] {
    const counts = new Map<string, number>();
    const add = (feature: string, weight = 1) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    const terms = tokenize(text);
    terms.forEach((term, i) => {
      add(`w:${term}`, 2);
      const next = terms[i + 1];
      if (next) add(`b:${term} ${next}`, 1);
      const padded = `<${term}>`;
      for (let n = 3; n <= 5; n += 1) for (let j = 0; j + n <= padded.length; j += 1) add(`c:${padded.slice(j, j + n)}`, 0.5);
    });
    const vector = new Array<number>(this.dimension).fill(0);
    for (const [feature, count] of counts) {
      const hash = fnv1a(feature);
      const sign = hash & 0x80000000 ? -1 : 1;
      vector[hash % this.dimension] = (vector[hash % this.dimension] ?? 0) + sign * (1 + Math.log(count));
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  }
}
