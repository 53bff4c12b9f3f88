import { alternativeFor, analyzeQuestion, minimumAge, relevantPassages, type PassageSentence, type RelevantPassage } from './passages.js';
import { staleNotes } from './freshness.js';
import { pause, type Grounding, type Responder, type ResponderRun, type ResponseSummary } from './responder.js';

/** The reply when no passage answers the question: it says so, cites nothing and invents nothing. */
export const NO_ANSWER =
  'The knowledge base has no answer to this question: none of its passages is about it. Try other words (a visa type such as "E33G", a KBLI code, a tax name), or ask a colleague.';

/** A passage's sentences as prose; a run of list items reads under its heading once ("Second home permit: Validity of 5 or 10 years."). */
function passageText(sentences: PassageSentence[]): string {
  let heading: string | null = null;
  return sentences
    .map((sentence) => {
      const prefix = sentence.item && sentence.heading && sentence.heading !== heading ? `${sentence.heading}: ` : '';
      heading = sentence.item ? sentence.heading : null;
      return `${prefix}${sentence.text}`;
    })
    .join(' ');
}

/** One line per document: the passages of the same document together, each with its [n]. */
function documentLines(passages: RelevantPassage[]): string[] {
  const byDocument = new Map<string, RelevantPassage[]>();
  for (const passage of passages) {
    const key = passage.hit.citation.documentId;
    byDocument.set(key, [...(byDocument.get(key) ?? []), passage]);
  }
  return [...byDocument.values()].map(
    (group) =>
      `- **${(group[0] as RelevantPassage).hit.citation.title}**: ${group.map(({ number, sentences }) => `${passageText(sentences)} [${number}]`).join(' ')}`,
  );
}

/** What the asker said about themselves against the conditions the passages set: today, an age below a minimum age. */
function eligibilityNotes(grounding: Grounding, passages: RelevantPassage[]): string[] {
  const { age } = analyzeQuestion(grounding.question);
  if (age === null) return [];
  const notes: string[] = [];
  for (const { number, hit, sentences } of passages) {
    const minimum = minimumAge(sentences);
    if (minimum === null) continue;
    notes.push(
      age < minimum
        ? `You give an age of ${age}: **${hit.citation.title}** requires ${minimum} or older, so it is not open to you yet [${number}].`
        : `You give an age of ${age}: that meets the minimum age of ${minimum} for **${hit.citation.title}** [${number}].`,
    );
  }
  const alternative = alternativeFor(grounding.question, grounding.sources.list(), passages);
  if (alternative) {
    notes.push(
      `Another route the knowledge base names: **${alternative.hit.citation.title}**: ${passageText(alternative.sentences)} [${alternative.number}]`,
    );
  }
  return notes;
}

/**
 * The whole offline answer: the sentences of the relevant passages that answer the question, the
 * conditions they set, what that means for the asker, each with its [n]; then the client's facts.
 * No passage above the relevance floor: {@link NO_ANSWER}.
 */
export function composeOfflineAnswer(grounding: Grounding): string {
  const parts: string[] = [];
  const passages = relevantPassages(grounding.question, grounding.sources.list());
  if (passages.length === 0) {
    parts.push(NO_ANSWER);
  } else {
    parts.push('Here is what the knowledge base says:');
    parts.push(documentLines(passages).join('\n'));
    const conditions = passages.filter((passage) => passage.conditions.length > 0);
    if (conditions.length > 0) {
      parts.push(
        `Conditions to check:\n${conditions.map(({ number, hit, conditions: stated }) => `- ${hit.citation.title}: ${stated.join('; ')} [${number}]`).join('\n')}`,
      );
    }
    parts.push(...eligibilityNotes(grounding, passages));
    parts.push(...staleNotes(passages.map(({ hit }) => hit.citation)));
  }
  if (grounding.facts.length > 0) {
    parts.push(`What we know about this client:\n${grounding.facts.map((fact) => `- ${fact.content}`).join('\n')}`);
  }
  parts.push(
    passages.length > 0
      ? '_Offline answer: extracted from the knowledge base without a language model. Check the cited sources._'
      : '_Offline answer: without a language model._',
  );
  return parts.join('\n\n');
}

/** Splits text into stream tokens: each word with the whitespace before it. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/**
 * The answer when no model key is configured: extractive, from the best knowledge hits and the
 * client's memory, streamed word by word through the same path as Claude's tokens.
 */
export class OfflineResponder implements Responder {
  readonly offline = true;

  constructor(private readonly tokenDelayMs: number) {}

  async respond(run: ResponderRun): Promise<ResponseSummary> {
    for (const token of tokenize(composeOfflineAnswer(run.grounding))) {
      if (this.tokenDelayMs > 0) await pause(this.tokenDelayMs, run.signal);
      else if (run.signal.aborted) throw run.signal.reason as Error;
      run.emit(token);
    }
    return { model: null, inputTokens: null, outputTokens: null, offline: true };
  }
}
