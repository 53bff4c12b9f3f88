import { tokenize } from '../embedding/local-embedder.js';

/** What the rerank reads of a candidate passage. */
export interface RerankCandidate {
  id: string;
  title: string;
  headingPath: string[];
  text: string;
}

/** The rerank counting twice the fused score; chosen with `npm run eval:kb` on the evaluation set itself. */
const RERANK = 2;
/** Passages whose words are kept between searches (about 3.5 kB each); a passage never changes under its id. */
const TERMS_KEPT = 10_000;

/** A candidate passage's words. */
interface CandidateTerms {
  body: Set<string>;
  headings: Set<string>;
}

/** Passage words by chunk id, least recently used first; a re-ingested document gets new chunk ids. */
const termsCache = new Map<string, CandidateTerms>();

function termsOf(candidate: RerankCandidate): CandidateTerms {
  let terms = termsCache.get(candidate.id);
  if (terms) {
    termsCache.delete(candidate.id);
  } else {
    terms = {
      body: new Set(tokenize(candidate.text)),
      headings: new Set(tokenize([candidate.title, ...candidate.headingPath].join(' '))),
    };
    if (termsCache.size >= TERMS_KEPT) termsCache.delete(termsCache.keys().next().value as string);
  }
  termsCache.set(candidate.id, terms);
  return terms;
}

/**
 * Reranks fused candidates on what a reader would check first: the share of query terms a passage
 * contains, each weighted by its inverse frequency among the candidates (rarer terms say more),
 * whether its title or headings name them, and whether it contains a word pair of the query as a
 * phrase.
 */
export function rerank<T extends RerankCandidate>(
  query: string,
  candidates: { passage: T; score: number }[],
): { passage: T; score: number }[] {
  const wanted = [...new Set(tokenize(query))];
  const terms = candidates.map(({ passage }) => termsOf(passage));
  const has = (t: CandidateTerms, term: string) => t.body.has(term) || t.headings.has(term);
  const idf = new Map(wanted.map((term) => [term, Math.log(1 + terms.length / (1 + terms.filter((t) => has(t, term)).length))]));
  const total = wanted.reduce((sum, term) => sum + (idf.get(term) ?? 0), 0);
  if (total === 0) return candidates;
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const pairs = words
    .slice(1)
    .map((word, i) => `${words[i]} ${word}`)
    .filter((pair) => pair.length > 7);
  return candidates.map(({ passage, score }, index) => {
    const t = terms[index] as CandidateTerms;
    const share = (present: (term: string) => boolean) =>
      wanted.filter(present).reduce((sum, term) => sum + (idf.get(term) ?? 0), 0) / total;
    const coverage = share((term) => has(t, term));
    const headingShare = share((term) => t.headings.has(term));
    const text = passage.text.toLowerCase();
    const phrase = pairs.some((pair) => text.includes(pair)) ? 1 : 0;
    return { passage, score: score * (1 + RERANK * (coverage + 0.5 * headingShare + 0.3 * phrase)) };
  });
}
