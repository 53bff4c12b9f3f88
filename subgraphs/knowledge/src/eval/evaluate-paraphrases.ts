import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MATCH_THRESHOLD, questionKey, similarity, type QuestionKey } from '../reviewed-answer/question-match.js';
import { splitOf, type Split } from './questions.js';

/**
 * How well a new question is matched to a reviewed one: `eval/paraphrases/paraphrases.json` holds
 * reviewed questions, each with paraphrases (which should be answered from it) and different
 * questions on the same subject (which should not: another answer, or no reviewed one). Every
 * reviewed question is in the index; the questions asked are those of the split's groups (split
 * by the SHA-256 of the reviewed question). Precision: of the questions answered from a reviewed
 * one, the share answered from the right one; recall: of the paraphrases, the share answered from
 * their own. `--dev` prints every threshold on dev, and the misses; the default prints test at the
 * chosen threshold.
 */

interface Group {
  question: string;
  paraphrases: string[];
  different: string[];
}

interface Asked {
  question: string;
  /** The index of the reviewed question it should be answered from; -1: none. */
  expected: number;
  best: number;
  score: number;
}

async function asked(groups: Group[], keys: QuestionKey[], split: Split): Promise<Asked[]> {
  const questions = groups.flatMap((group, index) =>
    splitOf(group.question) !== split
      ? []
      : [
          ...group.paraphrases.map((question) => ({ question, expected: index })),
          ...group.different.map((question) => ({ question, expected: -1 })),
        ],
  );
  return Promise.all(
    questions.map(async ({ question, expected }) => {
      const key = await questionKey(question);
      let best = -1;
      let score = -1;
      keys.forEach((reviewed, index) => {
        const value = similarity(key, reviewed);
        if (value > score) [best, score] = [index, value];
      });
      return { question, expected, best, score };
    }),
  );
}

function scores(results: Asked[], threshold: number) {
  const served = results.filter((result) => result.score >= threshold);
  const right = served.filter((result) => result.best === result.expected).length;
  const paraphrases = results.filter((result) => result.expected >= 0).length;
  return { precision: served.length ? right / served.length : 1, recall: right / paraphrases, served: served.length, right, paraphrases };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const groups = JSON.parse(readFileSync(join(__dirname, '..', '..', 'eval', 'paraphrases', 'paraphrases.json'), 'utf8')) as Group[];
  const keys = await Promise.all(groups.map((group) => questionKey(group.question)));
  const split: Split = dev ? 'dev' : 'test';
  const results = await asked(groups, keys, split);
  const paraphrases = results.filter((result) => result.expected >= 0).length;
  console.log(
    `reviewed-answer matching on ${split}: ${paraphrases} paraphrases, ${results.length - paraphrases} other questions, ${groups.length} reviewed questions`,
  );
  for (const threshold of dev ? [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] : [MATCH_THRESHOLD]) {
    const s = scores(results, threshold);
    console.log(
      `  threshold ${threshold.toFixed(2)}: precision ${percent(s.precision)} (${s.right}/${s.served}), recall ${percent(s.recall)} (${s.right}/${s.paraphrases})${threshold === MATCH_THRESHOLD ? '  (chosen)' : ''}`,
    );
  }
  if (!dev) return;
  for (const result of results) {
    const served = result.score >= MATCH_THRESHOLD;
    if (served && result.best !== result.expected) {
      console.log(`  wrong  ${result.score.toFixed(2)} "${result.question}" → "${groups[result.best]?.question ?? ''}"`);
    } else if (!served && result.expected >= 0) {
      console.log(`  missed ${result.score.toFixed(2)} "${result.question}"`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
