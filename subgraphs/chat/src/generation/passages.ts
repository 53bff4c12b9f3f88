import { CONDITION_PATTERNS, conditionsIn, withoutRepeats } from './conditions.js';
import type { KnowledgeHit } from './platform.js';

/**
 * What an answer is grounded in, read closely: which knowledge hits are about the question at all
 * (the relevance floor), which of their sentences answer it, and the conditions those sentences
 * state (ages, amounts, durations, deadlines). Shared by the offline responder, which answers with
 * them, and the Claude prompt, which is given only the passages that pass.
 */

const STOPWORDS = new Set(
  (
    'the a an and or of to in on for with is are was were be been can could do does did how what which who whom when where why ' +
    'my our your his her their its i we you he she it they me us them this that these those from by at as about into than then there ' +
    'am will would should shall may might must have has had not no yes if so any some all also just like want need needs take takes get ' +
    'got make go going tell know please hi hello thanks much many long there here still now soon document documents paper papers'
  ).split(' '),
);

/** Words every passage of this knowledge base is about: they count a little towards relevance, never on their own. */
const GENERIC = new Set(
  'bali indonesia indonesian foreigner foreign person people permit visa company business rule rules law regulation apply application year years month months day days'.split(
    ' ',
  ),
);

/** Words a client uses for a term the documents word differently. */
const SYNONYMS: Record<string, string[]> = {
  wife: ['spouse', 'married', 'marriage'],
  husband: ['spouse', 'married', 'marriage'],
  married: ['spouse', 'marriage'],
  retire: ['retirement', 'retiree', 'retirees'],
  cost: ['fee', 'price'],
  fine: ['penalty', 'charge', 'sanction'],
  fines: ['penalty', 'charge', 'sanction'],
  deadline: ['due', 'by'],
  nomad: ['remote'],
  freehold: ['milik'],
};

/** What the question asks for besides its terms; each kind of condition a sentence may carry. */
export type Intent = 'duration' | 'amount' | 'documents' | 'deadline' | 'age' | 'permit';

const INTENT_CUES: Record<Intent, RegExp> = {
  duration: /\bhow long\b|\bvalid(ity)?\b|\bduration\b|\bhow many (years|months|days|weeks)\b|\bterm\b/i,
  amount:
    /\bhow much\b|\bcost\b|\bfee\b|\bprice\b|\bcapital\b|\bincome\b|\bdeposit\b|\bfine\b|\brate\b|\bthreshold\b|\bturnover\b|\blevy\b|\bworth\b|\btax\b/i,
  documents: /\bdocuments?\b|\bpapers?\b|\brequirements?\b|\bwhat do (i|we) need\b/i,
  deadline: /\bdeadline\b|\bwhen\b|\bdue\b|\bby when\b|\bhow soon\b/i,
  age: /\bage\b|\bold\b|\b(i am|i'm|we are|aged)\s+\d{2}\b/i,
  permit: /\bwhich (permit|visa|kitas)\b|\bwhat (permit|visa)\b|\bpermit\b|\bvisa\b|\bkitas\b/i,
};

const DOCUMENT_WORDS =
  /\b(passport|statement|certificate|proof|letter|insurance|copy|copies|photo|deed|KTP|KK|SKTT|NPWP|NIB|register|sponsor)\b/i;
const PERMIT_CODES = /\b(E\d{2}[A-Z]?|C\d{1,2}|D\d{1,2}|B1|KITAS|KITAP|VoA|e-VOA|visa|permit)\b/i;
const ELIGIBILITY =
  /\b(at least|minimum|or older|or over|must|only|no more than|up to|maximum|more than|above|below|required|requires|needs?)\b/i;

/** A lower-case word reduced to a form its plural and longer forms share. */
function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

function sameTerm(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5) return false;
  const need = Math.max(5, shorter - 2);
  return a.slice(0, need) === b.slice(0, need);
}

function words(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(stem);
}

/** A question term and how much it counts. */
interface Term {
  term: string;
  weight: number;
  alternatives: string[];
}

/** The question as the passages are read against it. */
export interface QuestionAnalysis {
  terms: Term[];
  intents: Set<Intent>;
  /** The asker's age when the question gives it ("I am 58"). */
  age: number | null;
  /** What the question counts ("how many shareholders": "shareholder"), stemmed; a period asked for is a duration. */
  counted: string | null;
}

export function analyzeQuestion(question: string): QuestionAnalysis {
  const ageMatch = /\b(?:i am|i'm|we are|aged|age)\s+(\d{2})\b|\b(\d{2})\s*(?:years old|yo)\b/i.exec(question);
  const age = ageMatch ? Number(ageMatch[1] ?? ageMatch[2]) : null;
  const intents = new Set<Intent>((Object.keys(INTENT_CUES) as Intent[]).filter((intent) => INTENT_CUES[intent].test(question)));
  if (age !== null) intents.add('age');
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const raw of question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const word = stem(raw);
    if (raw.length < 2 || STOPWORDS.has(raw) || seen.has(word) || (age !== null && raw === String(age)) || /^\d$/.test(raw)) continue;
    seen.add(word);
    const code = /\d/.test(word) && /[a-z]/.test(word);
    const weight = GENERIC.has(raw) || GENERIC.has(word) ? 0.3 : code ? 2 : /^\d+$/.test(word) ? 1.5 : 1;
    terms.push({ term: word, weight, alternatives: [word, ...(SYNONYMS[word] ?? []).map(stem)] });
  }
  const countMatch = /\bhow many\s+(\p{L}+)/iu.exec(question);
  const counted = countMatch && !/^(days?|weeks?|months?|years?|times?)$/i.test(countMatch[1] ?? '') ? stem(countMatch[1] ?? '') : null;
  return { terms, intents, age, counted };
}

function covers(term: Term, vocabulary: string[]): boolean {
  return term.alternatives.some((alternative) => vocabulary.some((word) => sameTerm(alternative, word)));
}

/** The share (0..1) of the question's weighted terms a text contains. */
export function termCoverage(analysis: QuestionAnalysis, text: string): number {
  const total = analysis.terms.reduce((sum, term) => sum + term.weight, 0);
  if (total === 0) return 0;
  const vocabulary = [...new Set(words(text))];
  return analysis.terms.filter((term) => covers(term, vocabulary)).reduce((sum, term) => sum + term.weight, 0) / total;
}

/** A sentence of a passage, with the heading it stands under. */
export interface PassageSentence {
  text: string;
  heading: string | null;
  /** A list item or table row: it reads as part of its heading. */
  item: boolean;
  index: number;
}

function tableRow(line: string): string | null {
  const cells = line
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean);
  if (cells.length < 2 || cells.every((cell) => /^:?-+:?$/.test(cell))) return null;
  return `${cells[0]}: ${cells.slice(1).join(', ')}.`;
}

/** A passage's sentences: prose split at sentence ends, list items and table rows each one sentence; notes and fragments dropped. */
export function passageSentences(hit: KnowledgeHit): PassageSentence[] {
  const sentences: PassageSentence[] = [];
  let heading: string | null = hit.citation.headingPath?.at(-1) ?? null;
  const lines = hit.text.split('\n');
  let paragraph: string[] = [];
  // Only the chunk's opening can be the tail of a sentence (chunks overlap); a list item may start in lower case.
  let opening = true;
  const push = (text: string, item: boolean) => {
    const clean = text
      .replace(/\s+/g, ' ')
      .replace(/^([-*]|\d+\.)\s+/, '')
      .trim();
    const fragment = opening && /^[a-z]/.test(clean);
    opening = false;
    // A lead-in ending in ':' says nothing alone.
    if (clean.length < 12 || fragment || clean.endsWith(':')) return;
    sentences.push({ text: clean, heading, item, index: sentences.length });
  };
  const flush = () => {
    const text = paragraph.join(' ').trim();
    paragraph = [];
    if (text) for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z0-9*"(])/)) push(sentence, false);
  };
  lines.forEach((line, at) => {
    const trimmed = line.trim();
    if (/^#+\s/.test(trimmed)) {
      flush();
      opening = false;
      heading = trimmed.replace(/^#+\s+/, '');
    } else if (trimmed.startsWith('>') || trimmed === '') {
      flush();
    } else if (trimmed.startsWith('|')) {
      flush();
      const next = lines[at + 1]?.trim() ?? '';
      // A header row (the next line is the separator) names columns, it states nothing.
      if (!/^\|\s*:?-+/.test(next)) {
        const row = tableRow(trimmed);
        if (row) push(row, true);
      }
    } else if (/^([-*]|\d+\.)\s/.test(trimmed)) {
      flush();
      push(trimmed, true);
    } else {
      paragraph.push(trimmed);
    }
  });
  flush();
  return sentences;
}

function intentScore(intents: Set<Intent>, text: string): number {
  let score = 0;
  const plain = text.replace(/\*\*/g, '');
  const has = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(plain);
  if (intents.has('age') && has(CONDITION_PATTERNS.age)) score += 2;
  if (intents.has('amount') && has(CONDITION_PATTERNS.amount)) score += 1;
  if (intents.has('duration') && has(CONDITION_PATTERNS.duration)) score += 1;
  if (intents.has('deadline') && has(CONDITION_PATTERNS.deadline)) score += 1;
  if (intents.has('documents') && DOCUMENT_WORDS.test(plain)) score += 0.5;
  if (intents.has('permit') && PERMIT_CODES.test(plain)) score += 0.3;
  // A sentence that sets a condition (an age, an amount, a period with "at least", "minimum" ...) decides eligibility.
  if (conditionsIn(plain).length > 0 && ELIGIBILITY.test(plain)) score += 0.5;
  return score;
}

/** How well a sentence answers the question: the question terms it (and its heading, for a list item) contains, and what it states that the question asks for. */
export function sentenceScore(analysis: QuestionAnalysis, sentence: PassageSentence): number {
  const context = sentence.item && sentence.heading ? `${sentence.heading} ${sentence.text}` : sentence.text;
  const coverage = termCoverage(analysis, sentence.text) + (sentence.item ? 0.5 * termCoverage(analysis, context) : 0);
  return 2 * coverage + intentScore(analysis.intents, sentence.text);
}

/** A hit that passed the relevance floor, with the sentences that answer the question. */
export interface RelevantPassage {
  number: number;
  hit: KnowledgeHit;
  /** Question-term coverage of the passage with its title and headings (0..1). */
  relevance: number;
  sentences: PassageSentence[];
  conditions: string[];
}

/** Below this share of the question's terms a passage is not about the question. */
export const RELEVANCE_FLOOR = 0.4;
/** A passage far less relevant than the best one is left out, so an answer does not pad with neighbours. */
export const RELATIVE_RELEVANCE_FLOOR = 0.7;
/** An alternative offered to an asker who does not meet a condition may be less close to the question's words. */
export const ALTERNATIVE_FLOOR = 0.3;
/** A hit scored by the knowledge service below this fraction of the best hit's score is not used. */
export const SCORE_FLOOR = 0.5;
const DOCUMENTS_USED = 3;
const SENTENCES_PER_PASSAGE = 5;
/** Sentences scoring below this fraction of a passage's best sentence are not worth the reader's time. */
const SENTENCE_FLOOR = 0.5;

/** Weight of the title and headings in a passage's relevance: what a passage is about is named there. */
const HEADING_WEIGHT = 0.4;

/** The share of the question's terms a passage contains, the title and headings counting extra. */
export function passageRelevance(analysis: QuestionAnalysis, hit: KnowledgeHit): number {
  const headings = [hit.citation.title, ...(hit.citation.headingPath ?? [])].join(' ');
  return (1 - HEADING_WEIGHT) * termCoverage(analysis, `${headings} ${hit.text}`) + HEADING_WEIGHT * termCoverage(analysis, headings);
}

/** The sentences of a passage that answer the question: the best ones by score, given back in the passage's order. */
export function answeringSentences(analysis: QuestionAnalysis, hit: KnowledgeHit, count = SENTENCES_PER_PASSAGE): PassageSentence[] {
  const scored = passageSentences(hit)
    .map((sentence) => ({ sentence, score: sentenceScore(analysis, sentence) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  const best = scored[0]?.score ?? 0;
  return scored
    .filter(({ score }) => score >= SENTENCE_FLOOR * best)
    .slice(0, count)
    .sort((a, b) => a.sentence.index - b.sentence.index)
    .map(({ sentence }) => sentence);
}

/**
 * The hits an answer may use: above the knowledge score floor (relative to the best hit) and the
 * relevance floors (the share of the question's terms the passage, its title and headings contain,
 * absolute and relative to the most relevant passage), without documents that repeat what the ones
 * before them state ({@link withoutRepeats}; `dropRepeats: false` keeps them), from at most three
 * documents, the most relevant first. Empty: the knowledge base has no answer.
 */
export function relevantPassages(
  question: string,
  hits: { number: number; hit: KnowledgeHit }[],
  { limit = DOCUMENTS_USED, floor = RELEVANCE_FLOOR, relativeFloor = RELATIVE_RELEVANCE_FLOOR, dropRepeats = true } = {},
): RelevantPassage[] {
  const analysis = analyzeQuestion(question);
  const bestScore = Math.max(0, ...hits.map(({ hit }) => hit.score));
  const passing = hits
    .filter(({ hit }) => hit.score >= SCORE_FLOOR * bestScore)
    .map(({ number, hit }) => {
      const relevance = passageRelevance(analysis, hit);
      const sentences = answeringSentences(analysis, hit);
      return { number, hit, relevance, sentences, conditions: [...new Set(sentences.flatMap((sentence) => conditionsIn(sentence.text)))] };
    })
    .filter((passage) => passage.relevance >= floor && passage.sentences.length > 0)
    .sort((a, b) => b.relevance - a.relevance || a.number - b.number);
  const bestRelevance = passing[0]?.relevance ?? 0;
  const close = passing.filter((passage) => passage.relevance >= relativeFloor * bestRelevance);
  const documents: string[] = [];
  return (dropRepeats ? withoutRepeats(analysis, close) : close).filter((passage) => {
    const document = passage.hit.citation.documentId;
    if (!documents.includes(document)) documents.push(document);
    return documents.indexOf(document) < limit;
  });
}

/** The minimum age a passage's sentences state ("60 or older", "minimum age is 60"), if any. */
export function minimumAge(sentences: PassageSentence[]): number | null {
  for (const { text } of sentences) {
    const match = /\b(\d{2})\**\s+or\s+(older|over|above)\b|minimum age (?:is|of)\s+\**(\d{2})/i.exec(text.replace(/\*\*/g, ''));
    if (match) return Number(match[1] ?? match[3]);
  }
  return null;
}

/**
 * For an asker below a passage's minimum age, the best passage of another document that sets no
 * higher minimum: the route they could take instead, even if less close to the question's words.
 */
export function alternativeFor(
  question: string,
  hits: { number: number; hit: KnowledgeHit }[],
  passages: RelevantPassage[],
): RelevantPassage | null {
  const { age } = analyzeQuestion(question);
  if (age === null || !passages.some(({ sentences }) => (minimumAge(sentences) ?? 0) > age)) return null;
  const used = new Set(passages.map(({ hit }) => hit.citation.documentId));
  return (
    relevantPassages(question, hits, { floor: ALTERNATIVE_FLOOR, relativeFloor: 0, dropRepeats: false }).find(
      ({ hit, sentences }) => !used.has(hit.citation.documentId) && (minimumAge(sentences) ?? 0) <= age,
    ) ?? null
  );
}
