import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseTerm } from '../embedding/local-embedder.js';

/** A group of the vocabulary that a question names: the term it used, and the group's other terms. */
export interface Concept {
  /** The group's terms as their words (normalised, stop words kept), the one the question used first. */
  terms: string[][];
  /** The group's terms other than the one the question used, as written in the file (for the full-text phrase search). */
  others: string[];
  /** Where in the question's words the matched term sits, as [start, end). */
  span: [number, number];
}

/** Words as the vocabulary compares them: lower case, accents folded, the plural trimmed; stop words kept, so "my period" stays a phrase. */
export function vocabularyWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(normaliseTerm);
}

/**
 * The domain vocabulary (`seed/vocabulary.txt`): groups of terms that mean the same to a client
 * (KITAS | stay permit | izin tinggal). A question naming one term of a group is searched for all of
 * them. Matching is on whole words in order, longest term first, each word of the question used once.
 */
export class Vocabulary {
  /** Terms by their first word, longest first. */
  private readonly byFirstWord = new Map<string, { words: string[]; group: number }[]>();

  private constructor(private readonly groups: { written: string; words: string[] }[][]) {
    groups.forEach((terms, group) => {
      for (const { words } of terms) {
        const first = words[0];
        if (!first) continue;
        const list = this.byFirstWord.get(first) ?? [];
        list.push({ words, group });
        list.sort((a, b) => b.words.length - a.words.length);
        this.byFirstWord.set(first, list);
      }
    });
  }

  /** Reads the file format: one group a line, terms separated by `|`, `#` comments and blank lines ignored. */
  static parse(text: string): Vocabulary {
    const groups = text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((line) =>
        line
          .split('|')
          .map((term) => term.trim())
          .filter(Boolean)
          .map((written) => ({ written, words: vocabularyWords(written) }))
          .filter((term) => term.words.length > 0),
      )
      .filter((terms) => terms.length > 1);
    return new Vocabulary(groups);
  }

  static empty(): Vocabulary {
    return new Vocabulary([]);
  }

  get size(): number {
    return this.groups.length;
  }

  /** The groups the question names, in the order it names them; a group once. */
  concepts(question: string): Concept[] {
    const words = vocabularyWords(question);
    const found: Concept[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < words.length;) {
      const match = (this.byFirstWord.get(words[i] ?? '') ?? []).find(({ words: term }) => term.every((word, k) => words[i + k] === word));
      if (!match) {
        i += 1;
        continue;
      }
      if (!seen.has(match.group)) {
        seen.add(match.group);
        const terms = this.groups[match.group] ?? [];
        const used = match.words.join(' ');
        found.push({
          terms: [match.words, ...terms.filter((term) => term.words.join(' ') !== used).map((term) => term.words)],
          others: terms.filter((term) => term.words.join(' ') !== used).map((term) => term.written),
          span: [i, i + match.words.length],
        });
      }
      i += match.words.length;
    }
    return found;
  }
}

let seedVocabulary: Vocabulary | undefined;

/** The reviewed vocabulary beside the seed documents, read once. */
export function domainVocabulary(): Vocabulary {
  seedVocabulary ??= Vocabulary.parse(readFileSync(join(__dirname, '..', '..', 'seed', 'vocabulary.txt'), 'utf8'));
  return seedVocabulary;
}
