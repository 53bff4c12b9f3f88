import { LocalEmbedder } from '../embedding/local-embedder.js';
import { analyseQuery, type AnswerKind } from '../search/query-analysis.js';
import { domainVocabulary, vocabularyWords, type Vocabulary } from '../search/vocabulary.js';

/**
 * How close a new question must be to a reviewed one to be answered from it: the cosine of their
 * {@link questionVector}s. Chosen on the dev paraphrases (`npm run eval:reviewed -- --dev`) for
 * precision first: serving the wrong reviewed answer is worse than writing a new one.
 */
export const MATCH_THRESHOLD = 0.5;

/** How a question is put: who asks for a person, yes/no (can, do, is ...) for a ruling, wh (what, how ...) for facts; '' for a bare phrase. */
export type QuestionForm = 'who' | 'yesno' | 'wh' | '';

/** A question as the matcher compares it: its vector, what it asks for and how it is put. */
export interface QuestionKey {
  vector: number[];
  /** The kinds of figure it asks about (how long, how much, when ...), sorted. */
  asks: AnswerKind[];
  form: QuestionForm;
}

const YES_NO = new Set(['can', 'could', 'do', 'does', 'did', 'is', 'are', 'am', 'must', 'should', 'will', 'may']);
const WH = new Set(['what', 'which', 'how', 'when', 'where', 'why']);

/**
 * Reviewed answers are always matched with the local embedder, whichever embedder the knowledge
 * base uses: it runs in microseconds in process, and the threshold was measured for it.
 */
const embedder = new LocalEmbedder();

/**
 * The question's words with every vocabulary term it names written as its group's one canonical term
 * (VOA and visa on arrival alike, SPT and tax return alike), so paraphrases that use another term of
 * the group share its words, and a group weighs as one term whichever term was used.
 */
export function expandedQuestion(question: string, vocabulary: Vocabulary = domainVocabulary()): string {
  const words = vocabularyWords(question);
  for (const concept of [...vocabulary.concepts(question)].sort((a, b) => b.span[0] - a.span[0])) {
    const canonical = concept.terms.map((term) => term.join(' ')).sort()[0] ?? '';
    words.splice(concept.span[0], concept.span[1] - concept.span[0], canonical);
  }
  return words.join(' ');
}

/** The kinds of figure a question asks about, sorted. */
export function asksOf(question: string): AnswerKind[] {
  return [...analyseQuery(question).asks].sort();
}

/** How the question is put, read from its first word. */
export function formOf(question: string): QuestionForm {
  const first = /[a-z]+/i.exec(question)?.[0].toLowerCase() ?? '';
  if (first === 'who') return 'who';
  if (YES_NO.has(first)) return 'yesno';
  return WH.has(first) ? 'wh' : '';
}

export async function questionKey(question: string, vocabulary?: Vocabulary): Promise<QuestionKey> {
  const [vector] = await embedder.embed([expandedQuestion(question, vocabulary)]);
  return { vector: vector ?? [], asks: asksOf(question), form: formOf(question) };
}

/** The cosine of two unit vectors. */
export function cosine(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/**
 * How similar two questions are: 0 when they ask for different kinds of figure ("how much is the
 * VOA" is not "how long is the VOA", however many words they share) or are put differently ("who
 * can be a commissioner" is not "what does a commissioner do"; a bare phrase fits any form). The
 * form guard raised dev precision from 83.3 % to 87.2 % at the threshold, for one paraphrase fewer.
 */
export function similarity(a: QuestionKey, b: QuestionKey): number {
  if (a.asks.join() !== b.asks.join()) return 0;
  if (a.form && b.form && a.form !== b.form) return 0;
  return cosine(a.vector, b.vector);
}
