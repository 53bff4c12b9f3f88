import { extractFacts } from './fact.extract';

function contents(text: string): Record<string, string> {
  return Object.fromEntries(extractFacts(text).map((fact): [string, string] => [fact.slot ?? fact.content, fact.content]));
}

describe('the rule-based fact extractor', () => {
  it('finds nationality, visa, expiry, plans, budget, family and dates in what a client says', () => {
    const facts = contents(
      "Hi, I'm Australian and I'm on a retirement KITAS. My KITAS expires on 2027-03-14. " +
        'We want to open a small villa rental business in Canggu. Our budget is around IDR 2 billion. ' +
        'My wife and two kids will join me; we are arriving on 12 January.',
    );
    expect(facts).toEqual({
      nationality: 'Nationality: Australian',
      'visa.current': 'Current visa: retirement KITAS',
      'visa.expiry': 'KITAS expires 2027-03-14',
      'company.plan': 'Plans to open a small villa rental business in Canggu',
      budget: 'Budget: IDR 2 billion',
      'family.spouse': 'Has a wife',
      'family.children': 'Has 2 children',
      'date.arrival': 'Arrives 12 January',
    });
  });

  it('reads "from <country>" and a marriage to an Indonesian', () => {
    expect(contents('I come from Germany. I am married to an Indonesian.')).toEqual({
      nationality: 'Nationality: German',
      'family.spouse': 'Married to an Indonesian citizen',
    });
  });

  it('finds nothing in a plain question', () => {
    expect(extractFacts('How long does a PT PMA setup take and what does it cost?')).toEqual([]);
  });
});
