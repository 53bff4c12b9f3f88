/** Where one search put the first passage that answers, and the first hit from an answering document; -1: not in the hits. */
export interface Ranked {
  passageRank: number;
  documentRank: number;
}

/** Retrieval quality of a set of searches, shares in 0..1. */
export interface Scores {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  /** Mean reciprocal rank of the answering passage within the hits (the top 10). */
  mrr: number;
  /** The same, counting any hit from an answering document (the measure before passages were labelled). */
  documentRecallAt1: number;
  documentRecallAt5: number;
}

export function score(ranks: Ranked[]): Scores {
  const share = (count: number) => (ranks.length === 0 ? 0 : count / ranks.length);
  const within = (rank: number, k: number) => rank >= 0 && rank < k;
  return {
    questions: ranks.length,
    recallAt1: share(ranks.filter((r) => within(r.passageRank, 1)).length),
    recallAt5: share(ranks.filter((r) => within(r.passageRank, 5)).length),
    mrr: share(ranks.reduce((sum, r) => sum + (r.passageRank >= 0 ? 1 / (r.passageRank + 1) : 0), 0)),
    documentRecallAt1: share(ranks.filter((r) => within(r.documentRank, 1)).length),
    documentRecallAt5: share(ranks.filter((r) => within(r.documentRank, 5)).length),
  };
}

export const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;
