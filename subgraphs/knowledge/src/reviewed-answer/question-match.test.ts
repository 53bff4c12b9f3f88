import { expandedQuestion, formOf, MATCH_THRESHOLD, questionKey, similarity } from './question-match';

async function similar(a: string, b: string): Promise<number> {
  return similarity(await questionKey(a), await questionKey(b));
}

describe('matching a question to a reviewed one', () => {
  it('writes every term of a vocabulary group as the same term, so an abbreviation matches its long form', async () => {
    expect(expandedQuestion('How much does the VOA cost?')).toBe(expandedQuestion('How much does the visa on arrival cost?'));
    expect(await similar('How much does the VOA cost?', 'how much does the visa on arrival cost')).toBeGreaterThan(0.99);
  });

  it('matches a paraphrase above the threshold', async () => {
    expect(
      await similar(
        'What income do I need for the E33G remote worker KITAS?',
        'How much income do I need for the E33G remote worker KITAS?',
      ),
    ).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('never matches questions that ask for another kind of figure or are put another way, however many words they share', async () => {
    expect(await similar('How much does the visa on arrival cost?', 'How long is the visa on arrival valid?')).toBe(0);
    expect(await similar('What does a commissioner of a PT PMA do?', 'Who can be appointed commissioner of a PT PMA?')).toBe(0);
    expect(await similar('How do I get an NPWP?', 'Can a foreigner with a KITAS get an NPWP online?')).toBe(0);
  });

  it('reads how a question is put from its first word, a bare phrase fitting any form', () => {
    expect(['Who signs?', 'Can I?', 'Does it?', 'Which one?', 'how long', 'kitas validity'].map(formOf)).toEqual([
      'who',
      'yesno',
      'yesno',
      'wh',
      'wh',
      '',
    ]);
  });
});
