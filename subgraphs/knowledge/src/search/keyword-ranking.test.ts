import { keywordQuery, rankingTerms } from './keyword-ranking';

const statistics = {
  chunks: 10_000,
  share: new Map([
    ['compani', 0.6],
    ['foreign', 0.4],
    ['visa', 0.02],
    ['kita', 0.015],
  ]),
  rarerThan: 0.01,
};

describe('the keyword query of a question', () => {
  it('ORs every word while the knowledge base is small enough to rank every match', () => {
    expect(keywordQuery(['compani', 'visa', 'compani'], { ...statistics, chunks: 300 })).toBe("'compani' | 'visa'");
  });

  it('ORs every word when PostgreSQL has no statistics yet', () => {
    expect(keywordQuery(['compani', 'visa'], undefined)).toBe("'compani' | 'visa'");
  });

  it('keeps the rarest words while their expected matches fit the budget, and drops the common ones', () => {
    // retir (unlisted, about 50 chunks) + kita (150) + visa (200) fit in 400; foreign and compani do not.
    expect(keywordQuery(['compani', 'foreign', 'visa', 'kita', 'retir'], statistics)).toBe("'retir' | 'kita' | 'visa'");
  });

  it('ANDs the words when every one of them is common', () => {
    expect(keywordQuery(['compani', 'foreign'], statistics)).toBe("'compani' & 'foreign'");
  });

  it('quotes lexemes so that none can change the query', () => {
    expect(keywordQuery(["o'brien", 'a\\b'], undefined)).toBe("'o''brien' | 'a\\\\b'");
  });

  it('has no query for a question without searchable words', () => {
    expect(keywordQuery([], statistics)).toBeUndefined();
  });
});

describe('the terms matched passages are ranked on', () => {
  const phrase = (query: string, lexemes: string[]) => ({ query, lexemes });

  it('weighs each word by its inverse document frequency, the rarest first', () => {
    const terms = rankingTerms(['compani', 'kita', 'retir'], statistics);
    expect(terms.map((term) => term.query)).toEqual(["'retir'", "'kita'", "'compani'"]);
    expect(terms[0]?.weight).toBeCloseTo(Math.log(2 / 0.01));
    expect(terms[2]?.weight).toBeCloseTo(Math.log(1 / 0.6));
  });

  it('counts a vocabulary phrase at half the weight of its rarest lexeme, once', () => {
    const stay = phrase("'stay' <-> 'permit'", ['stay', 'permit']);
    const terms = rankingTerms(['kita'], statistics, [stay, stay]);
    expect(terms).toEqual([
      { query: "'kita'", weight: Math.log(1 / 0.015) },
      { query: "'stay' <-> 'permit'", weight: 0.5 * Math.log(2 / 0.01) },
    ]);
  });

  it('weighs every word alike without statistics, or when every word is in every chunk', () => {
    expect(rankingTerms(['compani', 'visa'], undefined).map((term) => term.weight)).toEqual([1, 1]);
    const everywhere = { ...statistics, share: new Map([['bali', 1]]) };
    expect(rankingTerms(['bali'], everywhere)).toEqual([{ query: "'bali'", weight: 1 }]);
  });
});
