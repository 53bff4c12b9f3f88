import type { KnowledgeHit } from './platform';
import { composeOfflineAnswer, NO_ANSWER } from './offline';
import { conditionsIn } from './conditions';
import { analyzeQuestion, passageSentences, relevantPassages } from './passages';
import { systemPrompt } from './prompt';
import { Sources, type Grounding } from './responder';

function hit(documentId: string, title: string, heading: string, text: string, score: number): KnowledgeHit {
  return {
    score,
    text,
    citation: { documentId, title, source: 'https://example.org', collection: 'visa_oracle', chunkIndex: 0, headingPath: [title, heading] },
  };
}

// Passages as the knowledge service returns them for the retirement question (seed documents, chunked by section).
const SECOND_HOME = hit(
  'd-second-home',
  'Second Home Visa and the 5-Year "Silver Hair" Permit (E33 Series)',
  'Who they suit',
  '- Retirees who prefer one application over annual renewals of a retirement KITAS.\n- Property owners and long-stay visitors who can park funds in Indonesia and want multi-year certainty.\n\n> Check the current regulation: Circular IMI-0740.GR.01.01/2022.',
  0.045,
);
const VILLA = hit(
  'd-villa',
  'Licensing a Villa for Short-Term Rental in Bali',
  'The licensing stack',
  "regency's revenue agency (Bapenda) for the **PBJT accommodation tax**, generally **10%** of the room charge in Bali regencies.\n\nCollect it from guests and pay it to the regency.\n6. **BPJS registration** for staff and employment contracts for them.",
  0.032,
);
const RETIREMENT = hit(
  'd-retirement',
  'Retirement KITAS (E33F) for Foreigners Aged 60 and Over',
  'Eligibility and typical requirements',
  'The retirement KITAS, index **E33F**, is a one-year limited stay permit for older foreigners who want to live in Indonesia on their own means without working. It is one of the most popular long-stay options in Bali. Since Permenkumham 22/2023 the minimum age is **60** (under the older rules it was 55).\n\n- Age **60 or older** at the time of application.\n- Proof of funds: a personal bank statement for the last three months and proof of regular income such as a pension.\n- Health or life insurance covering the stay in Indonesia.',
  0.031,
);
const DUE_DILIGENCE = hit(
  'd-due-diligence',
  'Property Due Diligence in Bali - Certificate Check at BPN and Seller Checks',
  'Property Due Diligence in Bali',
  'Before you pay a deposit on land or a villa in Bali, you need a structured due diligence. This document covers the title and seller checks.',
  0.03,
);
const PENALTIES = hit(
  'd-penalties',
  'Indonesian Tax Penalties: Late Filing Fines, Interest and Surcharges',
  'Fixed fines for late or missing returns (Article 7 KUP)',
  '| Return | Fine |\n|---|---|\n| Monthly VAT return | IDR 500,000 |\n| Annual return — company | IDR 1,000,000 |\n| Annual return — individual | IDR 100,000 |',
  0.085,
);

function grounding(question: string, hits: KnowledgeHit[]): Grounding {
  const sources = new Sources();
  sources.add(hits);
  return { question, history: [], clientId: null, facts: [], sources };
}

const RETIRE = 'I am 58 and want to retire in Bali with my wife. Which permit do we need, what documents, and how long does it take?';

describe('the offline answer', () => {
  it('answers the retirement question with the E33F, its minimum age against the asker’s, and the second-home route, not villa licensing', () => {
    const answer = composeOfflineAnswer(grounding(RETIRE, [SECOND_HOME, VILLA, RETIREMENT, DUE_DILIGENCE]));
    expect(answer).toContain('Retirement KITAS (E33F)');
    expect(answer).toMatch(/60 or older/);
    expect(answer).toContain('You give an age of 58');
    expect(answer).toContain('not open to you yet [3]');
    expect(answer).toContain('Second Home Visa');
    expect(answer).not.toMatch(/villa|PBJT|due diligence/i);
    const cited = grounding(RETIRE, [SECOND_HOME, VILLA, RETIREMENT, DUE_DILIGENCE]).sources.cited(answer);
    expect(cited.map((citation) => citation.documentId).sort()).toEqual(['d-retirement', 'd-second-home']);
  });

  it('lists the conditions the chosen sentences set, with the passage they come from', () => {
    const answer = composeOfflineAnswer(grounding('What is the minimum age for the retirement KITAS?', [RETIREMENT]));
    expect(answer).toMatch(/Conditions to check:\n- Retirement KITAS \(E33F\)[^\n]*minimum age is 60[^\n]*\[1\]/);
  });

  it('says plainly that the knowledge base has no answer, and cites nothing, when no passage is about the question', () => {
    const question = 'What is the best recipe for Italian lasagna?';
    const answer = composeOfflineAnswer(grounding(question, [VILLA, DUE_DILIGENCE, PENALTIES]));
    expect(answer.startsWith(NO_ANSWER)).toBe(true);
    expect(answer).not.toMatch(/\[\d+\]/);
    expect(composeOfflineAnswer(grounding(question, []))).toContain(NO_ANSWER);
  });

  it('reads a table row as a sentence, so a fine in a table is stated', () => {
    const answer = composeOfflineAnswer(grounding("What is the fine for filing a company's annual tax return late?", [PENALTIES]));
    expect(answer).toContain('Annual return — company: IDR 1,000,000.');
  });
});

describe('the relevance floor', () => {
  it('drops hits that share only generic words with the question instead of padding to three', () => {
    const passages = relevantPassages(RETIRE, grounding(RETIRE, [SECOND_HOME, VILLA, RETIREMENT, DUE_DILIGENCE]).sources.list());
    expect(passages.map(({ hit: { citation } }) => citation.documentId)).toEqual(['d-retirement']);
  });

  it('drops a hit the knowledge service scored far below the best one, whatever its words', () => {
    const weak = { ...RETIREMENT, score: 0.01 };
    const strong = { ...SECOND_HOME, score: 0.05 };
    const question = 'Which retirement permit suits retirees?';
    expect(relevantPassages(question, grounding(question, [strong, weak]).sources.list()).map(({ number }) => number)).toEqual([1]);
  });
});

describe('documents that add nothing', () => {
  const VAT = hit(
    'd-vat',
    'VAT (PPN) in Indonesia and the IDR 4.8 Billion PKP Threshold',
    'When you must register as PKP',
    'A business whose turnover of taxable supplies exceeds **IDR 4.8 billion** in a tax year must register as PKP, no later than the end of the month after the month in which the threshold was exceeded.',
    0.31,
  );
  const SOFTWARE = hit(
    'd-software',
    'Software and IT Companies: KBLI 62019',
    'Tax points',
    'If the company turnover exceeds IDR 4.8 billion a year it must register as a VAT-able entrepreneur (PKP).',
    0.27,
  );
  const PENALTY = hit(
    'd-penalty',
    'VAT Penalties for Late PKP Registration',
    'Late registration',
    'A company that should have registered as PKP for VAT but did not pays a fine of IDR 1,000,000 per month of delay.',
    0.2,
  );
  const QUESTION = 'At what turnover must a company register as PKP for VAT?';

  it('cites a further document only when it states a figure of the kind asked for that the documents before it did not', () => {
    const sources = grounding(QUESTION, [VAT, SOFTWARE, PENALTY]).sources;
    const answer = composeOfflineAnswer(grounding(QUESTION, [VAT, SOFTWARE, PENALTY]));
    expect(answer).toContain('IDR 4.8 billion');
    expect(answer).not.toContain('Software and IT Companies');
    expect(answer).toContain('IDR 1,000,000 per month');
    expect(sources.cited(answer).map((citation) => citation.documentId)).toEqual(['d-vat', 'd-penalty']);
  });

  it('gives the Claude prompt the same documents', () => {
    const prompt = systemPrompt(grounding(QUESTION, [VAT, SOFTWARE, PENALTY]));
    expect(prompt).toContain('[1] VAT (PPN)');
    expect(prompt).toContain('[3] VAT Penalties');
    expect(prompt).not.toContain('Software and IT Companies');
  });

  it('answers "how many" from the document that states a number of that thing, not from a closer one that states none', () => {
    const question = 'How many shareholders does a PT PMA need?';
    const investor = hit(
      'd-investor',
      'Investor KITAS (E28A) for Shareholders of a PT PMA',
      'Who qualifies',
      "You must be a registered shareholder of a PT PMA. Immigration requires proof that the applicant's own shareholding is worth at least IDR 10 billion.",
      0.22,
    );
    const shareholders = hit(
      'd-shareholders',
      'PT PMA Shareholders, Directors and Commissioners',
      'Shareholders',
      '- **At least two shareholders.** A PT is formed by an agreement, so a PT PMA needs at least two founders.',
      0.18,
    );
    const answer = composeOfflineAnswer(grounding(question, [investor, shareholders]));
    expect(answer).toContain('At least two shareholders.');
    expect(
      grounding(question, [investor, shareholders])
        .sources.cited(answer)
        .map((citation) => citation.documentId),
    ).toEqual(['d-shareholders']);
  });

  it('keeps every document when the question asks for no figure', () => {
    const question = 'Which companies must register as PKP for VAT?';
    expect(relevantPassages(question, grounding(question, [VAT, SOFTWARE]).sources.list()).map(({ number }) => number)).toEqual([1, 2]);
  });
});

describe('sentences and conditions', () => {
  it('keeps list items that start in lower case after their lead-in', () => {
    const term = hit(
      'd-hgb',
      'HGB (Right to Build) Held by a PT PMA',
      'Term of the right',
      'Under PP 18/2021, HGB on state land runs for:\n\n1. **Up to 30 years** initially,\n2. an **extension of up to 20 years**, and\n3. a **renewal of up to 30 years**.\n\nThe total can reach 80 years.',
      0.26,
    );
    expect(passageSentences(term).map((sentence) => sentence.text)).toEqual([
      '**Up to 30 years** initially,',
      'an **extension of up to 20 years**, and',
      'a **renewal of up to 30 years**.',
      'The total can reach 80 years.',
    ]);
  });

  it('splits prose at sentence ends and keeps list items with their heading, dropping notes and a chunk’s leading fragment', () => {
    const sentences = passageSentences(VILLA).map((sentence) => sentence.text);
    expect(sentences[0]).toBe('Collect it from guests and pay it to the regency.');
    expect(passageSentences(SECOND_HOME).map((sentence) => [sentence.item, sentence.heading])).toEqual([
      [true, 'Who they suit'],
      [true, 'Who they suit'],
    ]);
  });

  it('finds ages, amounts, durations and deadlines as written', () => {
    expect(conditionsIn('Age **60 or older** at the time of application.')).toEqual(['Age 60 or older']);
    expect(conditionsIn('Funds of at least **IDR 2 billion** placed within **90 days** after arrival.')).toEqual([
      'IDR 2 billion',
      'within 90 days',
    ]);
    expect(conditionsIn('Leases are commonly 25 or 30 years; file by 31 March.')).toEqual(['25 or 30 years', 'by 31 March']);
    expect(conditionsIn('The levy is USD 100 per position per month.')).toEqual(['USD 100 per position']);
  });

  it('reads the asker’s age and what the question asks for', () => {
    const analysis = analyzeQuestion(RETIRE);
    expect(analysis.age).toBe(58);
    expect([...analysis.intents].sort()).toEqual(['age', 'documents', 'duration', 'permit']);
    expect(analysis.terms.map((term) => term.term)).toEqual(['retire', 'bali', 'wife', 'permit']);
  });
});

describe('the Claude prompt', () => {
  it('gives the model the passages the offline answer uses, with their conditions, and requires stating conditions and citing', () => {
    const prompt = systemPrompt(grounding(RETIRE, [SECOND_HOME, VILLA, RETIREMENT, DUE_DILIGENCE]));
    expect(prompt).toContain('[3] Retirement KITAS (E33F)');
    expect(prompt).toContain('Conditions stated: one-year; minimum age is 60');
    expect(prompt).toContain('[1] Second Home Visa');
    expect(prompt).not.toContain('Licensing a Villa');
    expect(prompt).toMatch(/State the conditions that decide eligibility/);
    expect(prompt).toMatch(/cite each one as \[n\]/);
  });

  it('tells the model the knowledge base does not answer when no passage passes the floor', () => {
    const prompt = systemPrompt(grounding('Who won the football world cup in 2018?', [VILLA, DUE_DILIGENCE]));
    expect(prompt).not.toContain('Knowledge passages:');
    expect(prompt).toContain('No knowledge passage answers this question');
  });
});

describe('a source that needs review', () => {
  const stale = (h: KnowledgeHit): KnowledgeHit => ({
    ...h,
    citation: { ...h.citation, stale: true, lastCheckedAt: '2024-03-05T00:00:00.000Z' },
  });

  it('is named in the offline answer with the day it was last checked, once per document, and a fresh one is not', () => {
    const answer = composeOfflineAnswer(grounding(RETIRE, [SECOND_HOME, VILLA, stale(RETIREMENT), DUE_DILIGENCE]));
    expect(answer).toContain(
      'Note: Retirement KITAS (E33F) for Foreigners Aged 60 and Over was last checked on 2024-03-05 and may be out of date.',
    );
    expect(answer.match(/Note: /g)).toHaveLength(1);
    expect(composeOfflineAnswer(grounding(RETIRE, [SECOND_HOME, VILLA, RETIREMENT, DUE_DILIGENCE]))).not.toContain('may be out of date');
  });

  it('is noted beside its passage in the Claude prompt', () => {
    const prompt = systemPrompt(grounding(RETIRE, [SECOND_HOME, VILLA, stale(RETIREMENT), DUE_DILIGENCE]));
    expect(prompt).toMatch(
      /\[3\] Retirement KITAS[\s\S]*was last checked on 2024-03-05 and may be out of date\. If you rely on it, say so/,
    );
    expect(systemPrompt(grounding(RETIRE, [SECOND_HOME, RETIREMENT]))).not.toContain('may be out of date');
  });
});
