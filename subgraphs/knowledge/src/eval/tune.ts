import type { SearchWeights } from '../search/search.service.js';
import type { Scores } from './scores.js';

/** What tuning maximises: the answering passage first, then within the top 5. */
export function objective(scores: Scores): number {
  return scores.recallAt1 + 0.5 * scores.recallAt5 + scores.mrr;
}

/** Rounds of the coordinate search. */
const ROUNDS = Number(process.env.TUNE_ROUNDS ?? 2);
/** The values tried for each weight. */
const GRID: { keyword: number[] } & Record<keyof SearchWeights['rerank'], number[]> = {
  keyword: [0.35, 0.5, 0.75, 1, 1.5],
  coverage: [1, 2, 3, 4, 6],
  headings: [0, 0.25, 0.5, 1],
  title: [0, 0.25, 0.5, 1],
  phrase: [0, 0.3, 0.6, 1],
  facts: [0, 0.5, 1, 2, 3],
  figures: [0, 0.5, 1, 2, 3],
  overview: [0, 0.1, 0.2, 0.3, 0.45],
};

/**
 * Coordinate search: each weight in turn takes the value of its grid that scores best with the
 * others held, for two rounds. `evaluate` must search the dev split only.
 */
export async function tune(start: SearchWeights, evaluate: (weights: SearchWeights) => Promise<Scores>): Promise<SearchWeights> {
  let best = start;
  let bestScore = objective(await evaluate(best));
  process.stdout.write(`start ${bestScore.toFixed(3)} ${JSON.stringify(best)}\n`);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of Object.keys(GRID) as (keyof typeof GRID)[]) {
      for (const value of GRID[name] ?? []) {
        const weights: SearchWeights =
          name === 'keyword' ? { ...best, keyword: value } : { ...best, rerank: { ...best.rerank, [name]: value } };
        const scores = await evaluate(weights);
        const value_ = objective(scores);
        if (value_ > bestScore + 1e-9) {
          best = weights;
          bestScore = value_;
          process.stdout.write(
            `better ${bestScore.toFixed(3)} (r@1 ${scores.recallAt1.toFixed(3)}, r@5 ${scores.recallAt5.toFixed(3)}) ${JSON.stringify(best)}\n`,
          );
        }
      }
    }
  }
  return best;
}
