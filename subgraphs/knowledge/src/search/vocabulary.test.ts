import { domainVocabulary, Vocabulary } from './vocabulary';

const vocabulary = Vocabulary.parse(`# comment
kitas | stay permit | izin tinggal   # trailing comment
pt pma | foreign-owned company | perusahaan asing
menstruation | my period
lonely
`);

describe('the domain vocabulary', () => {
  it('finds the groups a question names, as whole words in order, plurals and case ignored', () => {
    const [kitas, pma] = vocabulary.concepts('Do I need Stay Permits for my PT PMA?');
    expect(kitas?.others).toEqual(['kitas', 'izin tinggal']);
    expect(pma?.others).toEqual(['foreign-owned company', 'perusahaan asing']);
    expect(vocabulary.concepts('can a perusahaan asing hold land')[0]?.others).toEqual(['pt pma', 'foreign-owned company']);
  });

  it('matches a phrase only as that phrase, so an everyday word alone matches nothing', () => {
    expect(vocabulary.concepts('the reporting period ends in March')).toEqual([]);
    expect(vocabulary.concepts('can I go in on my period?')[0]?.others).toEqual(['menstruation']);
    expect(vocabulary.concepts('a permit to stay')).toEqual([]);
  });

  it('ignores comments, blank lines and groups of one term', () => {
    expect(vocabulary.size).toBe(3);
  });

  it('reads the reviewed file beside the seed documents', () => {
    expect(domainVocabulary().size).toBeGreaterThan(100);
    expect(domainVocabulary().concepts('izin tinggal')[0]?.others).toContain('kitas');
  });
});
