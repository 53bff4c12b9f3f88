import { analyseQuery, codesIn, figuresIn, numbersIn } from './query-analysis';

describe('query analysis', () => {
  it('reads an age the asker states as a wish for an age condition, not as a number to match', () => {
    const facts = analyseQuery('I am 58 and want to retire in Bali with my wife');
    expect(facts.asks).toContain('age');
    expect(facts.numbers).not.toContain('58');
    expect(analyseQuery('my dad is 57, can he retire here?').asks).toContain('age');
    expect(analyseQuery('the minimum is 10 billion').asks).not.toContain('age');
  });

  it('reads what kind of figure is asked for', () => {
    expect(analyseQuery('how much capital does a PT PMA need').asks).toContain('amount');
    expect(analyseQuery('berapa persen PPh final?').asks).toEqual(['rate']);
    expect(analyseQuery('how long is a KITAP valid').asks).toContain('duration');
    expect(analyseQuery('when is the SPT deadline').asks).toContain('date');
  });

  it('normalises numbers and finds permit, business and regulation codes', () => {
    expect(numbersIn('IDR 150,000 or 150k, 2.5 billion, 5 days')).toEqual(['150000', '2.5']);
    expect(codesIn('E33F retirement, KBLI 55193, PP 55/2022 and PPh 21')).toEqual(['e33f', '55193', '55/2022', 'pph21']);
  });

  it('tells which figures a passage states', () => {
    expect([...figuresIn('Since 2023 the minimum age is 60 (it was 55).')]).toEqual(['age']);
    expect(figuresIn('At least IDR 2.5 billion, held for 12 months.')).toEqual(new Set(['amount', 'duration']));
    expect(figuresIn('Pay by the 15th; 10% of the gross rent.')).toEqual(new Set(['rate', 'date']));
  });
});
