import { readFileSync } from 'node:fs';

/** Tune on `dev`; `test` is for reporting only. */
export type AnswerSplit = 'dev' | 'test';

/** One question of the answer set (`answers.json`). */
export interface AnswerCase {
  question: string;
  /**
   * Written into each case, not computed, so adding a question never moves another across. The first
   * 46 were split 60/40 within each collection (their first required document's) by the SHA-256 of
   * the question's text; a question added later takes the split that hash gives it (below 0.6: dev).
   */
  split: AnswerSplit;
  /** Facts the answer must state: each fact is a list of alternative patterns (case-insensitive regular expressions). */
  facts?: string[][];
  /** Documents the answer must cite (`<collection>/<file>.md`): each entry is a group, one of which is enough. */
  documents?: string[][];
  /** Further documents that are relevant to cite, though not required. */
  relevant?: string[];
  /** Out of domain: the knowledge base has no answer, and the reply must say so and cite nothing. */
  noAnswer?: boolean;
}

/** How one answer did against its case. */
export interface AnswerScore {
  factsFound: boolean[];
  /** Distinct documents cited. */
  cited: string[];
  /** Cited documents that are relevant (required or listed as relevant). */
  citedRelevant: number;
  /** Required document groups satisfied by a citation. */
  groupsCited: number;
  /** The reply says the knowledge base has no answer. */
  saysNoAnswer: boolean;
}

/** The sentences by which a reply says the knowledge base does not answer (ours, the older offline one, the prompt's). */
const NO_ANSWER = /knowledge base (has no answer|does not (answer|cover))|could not find anything about this in the knowledge base/i;

export function loadAnswerSet(path: string): AnswerCase[] {
  const cases = JSON.parse(readFileSync(path, 'utf8')) as AnswerCase[];
  for (const entry of cases) {
    if (entry.split !== 'dev' && entry.split !== 'test') throw new Error(`answer set: "${entry.question}" needs a split, dev or test`);
    if (!entry.noAnswer && !(entry.facts?.length && entry.documents?.length)) {
      throw new Error(`answer set: "${entry.question}" needs facts and documents, or noAnswer`);
    }
    for (const pattern of (entry.facts ?? []).flat()) new RegExp(pattern, 'i');
  }
  return cases;
}

/** Scores an answer's text (markdown emphasis ignored) and the documents it cited. */
export function scoreAnswer(entry: AnswerCase, answer: string, citedDocuments: string[]): AnswerScore {
  const plain = answer.replace(/\*\*|__/g, '');
  const cited = [...new Set(citedDocuments)];
  const required = entry.documents ?? [];
  const relevant = new Set([...required.flat(), ...(entry.relevant ?? [])]);
  return {
    factsFound: (entry.facts ?? []).map((alternatives) => alternatives.some((pattern) => new RegExp(pattern, 'i').test(plain))),
    cited,
    citedRelevant: cited.filter((document) => relevant.has(document)).length,
    groupsCited: required.filter((group) => group.some((document) => cited.includes(document))).length,
    saysNoAnswer: NO_ANSWER.test(plain),
  };
}

/** The figures of one path over the whole set. */
export interface PathSummary {
  answerable: number;
  /** Answers that contain every one of their required facts. */
  allFacts: number;
  factsFound: number;
  factsTotal: number;
  cited: number;
  citedRelevant: number;
  groupsCited: number;
  groupsTotal: number;
  /** Answerable questions answered with "no answer". */
  falseNoAnswer: number;
  outOfDomain: number;
  /** Out-of-domain questions answered with the no-answer sentence and no citation. */
  noAnswerCorrect: number;
}

export function summarize(cases: AnswerCase[], scores: AnswerScore[]): PathSummary {
  const summary: PathSummary = {
    answerable: 0,
    allFacts: 0,
    factsFound: 0,
    factsTotal: 0,
    cited: 0,
    citedRelevant: 0,
    groupsCited: 0,
    groupsTotal: 0,
    falseNoAnswer: 0,
    outOfDomain: 0,
    noAnswerCorrect: 0,
  };
  cases.forEach((entry, index) => {
    const score = scores[index] as AnswerScore;
    if (entry.noAnswer) {
      summary.outOfDomain += 1;
      if (score.saysNoAnswer && score.cited.length === 0) summary.noAnswerCorrect += 1;
      return;
    }
    summary.answerable += 1;
    if (score.factsFound.every(Boolean)) summary.allFacts += 1;
    summary.factsFound += score.factsFound.filter(Boolean).length;
    summary.factsTotal += score.factsFound.length;
    summary.cited += score.cited.length;
    summary.citedRelevant += score.citedRelevant;
    summary.groupsCited += score.groupsCited;
    summary.groupsTotal += entry.documents?.length ?? 0;
    if (score.saysNoAnswer) summary.falseNoAnswer += 1;
  });
  return summary;
}
