import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A place in the seed knowledge base that answers a question. */
export interface Answer {
  /** `<collection>/<file>.md` of the seed document. */
  document: string;
  /** A distinctive substring of the passage (Markdown emphasis and spacing ignored): the chunk holding it answers. */
  passage: string;
}

/** An evaluation question as a client would ask it, with every passage that answers it (any one counts). */
export interface Question {
  question: string;
  answers: Answer[];
}

export type Split = 'dev' | 'test';

/** A question with its split and the collection it is reported under (its first answer's). */
export interface LabelledQuestion extends Question {
  split: Split;
  collection: string;
}

/** Share of the questions in `dev`; the rest are `test`. */
const DEV_SHARE = 0.6;

/** Lower case, Markdown emphasis and backticks dropped, white space collapsed: how passages are matched to chunk text. */
export function normalisePassage(text: string): string {
  return text.replace(/[*`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The split is a function of the question's text alone (its SHA-256), so it never depends on file
 * order, never changes when questions are added, and cannot be chosen by whoever tunes the search.
 */
export function splitOf(question: string): Split {
  const bucket = createHash('sha256').update(question.trim()).digest().readUInt32BE(0) / 2 ** 32;
  return bucket < DEV_SHARE ? 'dev' : 'test';
}

/** Every question of every `<dir>/*.json` file, labelled with its split and collection. */
export function loadQuestions(dir: string): LabelledQuestion[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Question[])
    .map((question) => ({
      ...question,
      split: splitOf(question.question),
      collection: question.answers[0]?.document.split('/')[0] ?? '',
    }));
}

/** A chunk as the evaluation sees it. */
export interface EvaluatedChunk {
  /** `<collection>/<file>.md` of its document. */
  document: string;
  text: string;
}

/** Whether `chunk` holds one of the question's answers. */
export function answers(question: Question, chunk: EvaluatedChunk): boolean {
  const text = normalisePassage(chunk.text);
  return question.answers.some((answer) => answer.document === chunk.document && text.includes(normalisePassage(answer.passage)));
}

/** Labels that no chunk matches (a misspelt passage, or one the chunker cut in two): the evaluation refuses to run with them. */
export function unmatchedLabels(questions: Question[], chunks: EvaluatedChunk[]): string[] {
  return questions.flatMap((question) =>
    question.answers
      .filter((answer) => !chunks.some((chunk) => answers({ question: question.question, answers: [answer] }, chunk)))
      .map((answer) => `${answer.document}: "${answer.passage}" (for "${question.question}")`),
  );
}
