import { tokenize } from '../embedding/local-embedder.js';
import { analyseQuery, codesIn, figuresIn, numbersIn, type AnswerKind } from './query-analysis.js';
import { Vocabulary } from './vocabulary.js';

/** What the rerank reads of a candidate passage. */
export interface RerankCandidate {
  id: string;
  title: string;
  headingPath: string[];
  text: string;
}

/** How much each signal multiplies the fused score by; chosen with `npm run eval:kb` on its dev split. */
export interface RerankWeights {
  /** The idf-weighted share of the question's terms and vocabulary concepts the passage holds. */
  coverage: number;
  /** The same share in its section headings (not the document title, which every passage of it shares), relative to coverage. */
  headings: number;
  /** The same share in its document's title, relative to coverage. */
  title: number;
  /** A word pair of the question found as a phrase, relative to coverage. */
  phrase: number;
  /** The share of the question's numbers and codes (E33F, 55193, 2.5) in the passage's own text. */
  facts: number;
  /** The share of the kinds of figure asked for (an age, an amount, a rate, a duration, a date) that the passage states. */
  figures: number;
  /** How much less a document's overview (a passage under its title alone, before any section) counts: it names every topic of the document. */
  overview: number;
}

/**
 * Chosen with `npm run eval:kb -- --tune` on the dev split. The tuning gave the numbers-and-codes
 * signal and the phrase signal no weight: on dev they moved nothing the coverage (where a code is a
 * rare term with a high idf) had not already moved, so they are kept at 0 rather than set by hand.
 */
export const RERANK_WEIGHTS: RerankWeights = { coverage: 6, headings: 0.25, title: 0.25, phrase: 0, facts: 0, figures: 0.5, overview: 0.1 };

/** Passages whose words are kept between searches (a few kB each); a passage never changes under its id. */
const TERMS_KEPT = 10_000;

/** A candidate passage's words and figures. */
interface CandidateTerms {
  body: Set<string>;
  headings: Set<string>;
  title: Set<string>;
  /** Numbers and codes of the passage's text (not its title: every passage of a document shares that). */
  facts: Set<string>;
  figures: Set<AnswerKind>;
}

/** Passage words by chunk id, least recently used first; a re-ingested document gets new chunk ids. */
const termsCache = new Map<string, CandidateTerms>();

function termsOf(candidate: RerankCandidate): CandidateTerms {
  let terms = termsCache.get(candidate.id);
  if (terms) {
    termsCache.delete(candidate.id);
  } else {
    const text = candidate.text.replace(/[*_`]/g, '');
    terms = {
      body: new Set(tokenize(candidate.text)),
      // The first heading is the document's own (its H1, usually the title again).
      headings: new Set(tokenize(candidate.headingPath.slice(1).join(' '))),
      title: new Set(tokenize([candidate.title, candidate.headingPath[0] ?? ''].join(' '))),
      facts: new Set([...numbersIn(text), ...codesIn(text)]),
      figures: figuresIn(text),
    };
    if (termsCache.size >= TERMS_KEPT) termsCache.delete(termsCache.keys().next().value as string);
  }
  termsCache.set(candidate.id, terms);
  return terms;
}

/** One thing the question asks about: a word, or a vocabulary concept any of whose terms counts. */
type Wanted = string[][];

/** The question's terms: each vocabulary concept as one unit (any of its terms), the other words one by one. */
function wantedOf(query: string, vocabulary: Vocabulary): Wanted[] {
  const concepts = vocabulary.concepts(query);
  const inConcepts = new Set(concepts.flatMap((concept) => tokenize((concept.terms[0] ?? []).join(' '))));
  const words = [...new Set(tokenize(query))].filter((term) => !inConcepts.has(term)).map((term) => [[term]]);
  const units = concepts
    .map((concept) => concept.terms.map((term) => tokenize(term.join(' '))).filter((term) => term.length > 0))
    .filter((unit) => unit.length > 0);
  return [...words, ...units];
}

/**
 * Reranks fused candidates on what a reader would check first: the share of the question's terms a
 * passage contains (a vocabulary concept counts once, whichever of its terms is there), each weighted
 * by its inverse frequency among the candidates (rarer terms say more); whether its title or headings
 * name them; a word pair of the question as a phrase; the question's numbers and codes in its text;
 * and whether it states the kind of figure asked for ("I am 58 ..." wants an age condition, "how
 * much" an amount).
 */
export function rerank<T extends RerankCandidate>(
  query: string,
  candidates: { passage: T; score: number }[],
  vocabulary: Vocabulary = Vocabulary.empty(),
  weights: RerankWeights = RERANK_WEIGHTS,
): { passage: T; score: number }[] {
  const wanted = wantedOf(query, vocabulary);
  const facts = analyseQuery(query);
  const factTerms = [...facts.numbers, ...facts.codes];
  const terms = candidates.map(({ passage }) => termsOf(passage));
  const within = (set: Set<string>, unit: Wanted) => unit.some((term) => term.every((word) => set.has(word)));
  // Where each candidate holds each wanted unit, looked up once: the idf and every share read it.
  const found = terms.map((t) =>
    wanted.map((unit) => {
      const headings = within(t.headings, unit);
      const title = within(t.title, unit);
      return { any: headings || title || within(t.body, unit), headings, title };
    }),
  );
  const idfOf = (count: number) => Math.log(1 + terms.length / (1 + count));
  const idf = wanted.map((_unit, i) => idfOf(found.filter((units) => units[i]?.any).length));
  const total = idf.reduce((sum, value) => sum + value, 0);
  const factIdf = factTerms.map((fact) => idfOf(terms.filter((t) => t.facts.has(fact)).length));
  const factTotal = factIdf.reduce((sum, value) => sum + value, 0);
  if (total === 0 && factTotal === 0 && facts.asks.length === 0) return candidates;
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const pairs = words
    .slice(1)
    .map((word, i) => `${words[i]} ${word}`)
    .filter((pair) => pair.length > 7);
  return candidates.map(({ passage, score }, index) => {
    const t = terms[index] as CandidateTerms;
    const units = found[index] ?? [];
    const share = (present: (unit: { any: boolean; headings: boolean; title: boolean }) => boolean) =>
      total === 0 ? 0 : units.reduce((sum, unit, i) => sum + (present(unit) ? (idf[i] ?? 0) : 0), 0) / total;
    const coverage = share((unit) => unit.any);
    const headingShare = share((unit) => unit.headings);
    const titleShare = share((unit) => unit.title);
    const phrase = weights.phrase > 0 && pairs.some((pair) => passage.text.toLowerCase().includes(pair)) ? 1 : 0;
    const factShare =
      factTotal === 0 ? 0 : factTerms.reduce((sum, fact, i) => sum + (t.facts.has(fact) ? (factIdf[i] ?? 0) : 0), 0) / factTotal;
    const figureShare = facts.asks.length === 0 ? 0 : facts.asks.filter((kind) => t.figures.has(kind)).length / facts.asks.length;
    const boost =
      weights.coverage * (coverage + weights.headings * headingShare + weights.title * titleShare + weights.phrase * phrase) +
      weights.facts * factShare +
      weights.figures * figureShare;
    const overview = passage.headingPath.length <= 1 ? 1 - weights.overview : 1;
    return { passage, score: score * (1 + boost) * overview };
  });
}
