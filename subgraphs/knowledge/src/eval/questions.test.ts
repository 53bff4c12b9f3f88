import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chunkMarkdown, parseFrontMatter } from '../ingest/chunker.js';
import { answers, loadQuestions, splitOf, unmatchedLabels, type EvaluatedChunk } from './questions.js';

const packageDir = join(__dirname, '..', '..');
const questions = loadQuestions(join(packageDir, 'eval'));

/** The seed documents chunked as ingestion chunks them. */
function seedChunks(): EvaluatedChunk[] {
  const seed = join(packageDir, 'seed');
  const collections = readdirSync(seed).filter((name) => statSync(join(seed, name)).isDirectory());
  return collections.flatMap((collection) =>
    readdirSync(join(seed, collection)).flatMap((file) =>
      chunkMarkdown(parseFrontMatter(readFileSync(join(seed, collection, file), 'utf8')).body).map((chunk) => ({
        document: `${collection}/${file}`,
        text: chunk.text,
      })),
    ),
  );
}

describe('the retrieval evaluation set', () => {
  it('holds at least 150 questions, each asked once, over every collection', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(new Set(questions.map((q) => q.question)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.collection))).toEqual(
      new Set(['cultural_intelligence', 'kbli_eye', 'legal_architect', 'property_sage', 'tax_genius', 'visa_oracle']),
    );
  });

  it('labels passages that one chunk of the named seed document holds whole', () => {
    expect(unmatchedLabels(questions, seedChunks())).toEqual([]);
  });

  it('splits by the question text alone, about 60 % dev and 40 % test, with both splits in every collection', () => {
    expect(splitOf('how much capital does a PT PMA need')).toBe(splitOf('  how much capital does a PT PMA need '));
    const dev = questions.filter((q) => q.split === 'dev').length / questions.length;
    expect(dev).toBeGreaterThan(0.5);
    expect(dev).toBeLessThan(0.7);
    for (const collection of new Set(questions.map((q) => q.collection)))
      expect(new Set(questions.filter((q) => q.collection === collection).map((q) => q.split))).toEqual(new Set(['dev', 'test']));
  });

  it('matches a passage regardless of Markdown emphasis, case and line breaks, and only in its document', () => {
    const question = { question: 'q', answers: [{ document: 'visa_oracle/a.md', passage: 'the minimum age is 60' }] };
    expect(answers(question, { document: 'visa_oracle/a.md', text: 'Since 2023 the Minimum\nage is **60** (it was 55).' })).toBe(true);
    expect(answers(question, { document: 'visa_oracle/b.md', text: 'the minimum age is 60' })).toBe(false);
  });
});
