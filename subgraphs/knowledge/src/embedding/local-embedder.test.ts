import { LocalEmbedder, tokenize } from './local-embedder';

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
}

describe('the local embedder', () => {
  const embedder = new LocalEmbedder(512);

  it('gives unit vectors of the configured dimension, the same for the same text', async () => {
    const [a, b] = await embedder.embed(['Retirement KITAS for pensioners', 'Retirement KITAS for pensioners']);
    expect(a).toHaveLength(512);
    expect(Math.hypot(...(a ?? []))).toBeCloseTo(1, 6);
    expect(a).toEqual(b);
  });

  it('ranks a passage sharing words and spelling variants above an unrelated one', async () => {
    const [query, related, unrelated] = await embedder.embed([
      'how do I renew my kitas visa',
      'Renewing a KITAS: the visas are extended at the immigration office.',
      'Nyepi is the Balinese day of silence; the airport closes.',
    ]);
    expect(cosine(query ?? [], related ?? [])).toBeGreaterThan(cosine(query ?? [], unrelated ?? []) + 0.1);
  });

  it('folds accents and case and strips plural and -ing endings, ASCII or not', () => {
    expect(tokenize('Café RÉSUMÉ Überweisung, renewing visas for the KITAS')).toEqual([
      'cafe',
      'resume',
      'uberweisung',
      'renew',
      'visa',
      'kita',
    ]);
  });
});
