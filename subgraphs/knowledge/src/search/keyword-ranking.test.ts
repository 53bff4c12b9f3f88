import { keywordQuery } from './keyword-ranking';

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
