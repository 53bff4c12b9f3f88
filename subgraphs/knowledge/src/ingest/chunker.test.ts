import { chunkMarkdown, parseFrontMatter } from './chunker';

const DOC = `# Retirement KITAS

For retirees aged 60 and over.

## Requirements

- Passport valid 18 months
- Proof of pension
- Health insurance

## Process

${'The sponsor applies online and the applicant attends biometrics. '.repeat(30)}

### Fees

About IDR 14.5 million.`;

describe('structure-aware chunking', () => {
  const chunks = chunkMarkdown(DOC, { maxChars: 400, overlapChars: 80 });

  it('keeps each chunk under its heading path and a short list whole', () => {
    expect(chunks[0]).toMatchObject({ index: 0, headingPath: ['Retirement KITAS'], text: 'For retirees aged 60 and over.' });
    expect(chunks.find((chunk) => chunk.text.includes('Health insurance'))).toMatchObject({
      headingPath: ['Retirement KITAS', 'Requirements'],
      text: '- Passport valid 18 months\n- Proof of pension\n- Health insurance',
    });
    expect(chunks.at(-1)).toMatchObject({ headingPath: ['Retirement KITAS', 'Process', 'Fees'], text: 'About IDR 14.5 million.' });
  });

  it('cuts a long section at sentence ends, within the limit, each piece overlapping the one before', () => {
    const process = chunks.filter((chunk) => chunk.headingPath.at(-1) === 'Process');
    expect(process.length).toBeGreaterThan(3);
    for (const chunk of process) expect(chunk.text.length).toBeLessThanOrEqual(400);
    for (let i = 1; i < process.length; i += 1) {
      const previous = process[i - 1]?.text ?? '';
      expect(previous.endsWith((process[i]?.text ?? '').split('\n\n')[0] ?? '')).toBe(true);
    }
  });

  it('cuts a long list between items, repeating its lead-in, never between a number and its label or figure', () => {
    const items = Array.from(
      { length: 8 },
      (_, i) => `${i + 1}. **Rule ${i + 1}.** At least IDR ${i + 1}.5 billion, kept for 12 months. More detail here.`,
    );
    const list = chunkMarkdown(`## Current position\n\nUnder BKPM Regulation 5/2025 a PT PMA needs:\n\n${items.join('\n')}`, {
      maxChars: 300,
    });
    expect(list.length).toBeGreaterThan(1);
    for (const chunk of list) {
      expect(chunk.text.startsWith('Under BKPM Regulation 5/2025 a PT PMA needs:')).toBe(true);
      expect(chunk.text).not.toMatch(/\d\.\n|\d\.$/);
    }
    for (const item of items) expect(list.filter((chunk) => chunk.text.includes(item))).toHaveLength(1);
  });

  it('numbers chunks in order', () => {
    expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, i) => i));
  });

  it('reads front matter', () => {
    expect(parseFrontMatter('---\ntitle: E33F\nsource: https://www.imigrasi.go.id/\n---\n# Body')).toEqual({
      fields: { title: 'E33F', source: 'https://www.imigrasi.go.id/' },
      body: '# Body',
    });
  });
});
