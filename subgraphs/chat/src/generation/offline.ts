import type { KnowledgeHit } from './platform.js';
import { pause, type Grounding, type Responder, type ResponderRun, type ResponseSummary } from './responder.js';

const STOPWORDS = new Set(
  'the a an and or of to in on for with is are was be can do does how what which who when where why my our your i we you it this that from by at as about into than then there their'.split(
    ' ',
  ),
);
const HITS_USED = 3;
const SENTENCES_PER_HIT = 2;

function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 2 && !STOPWORDS.has(word));
}

/** The passage's sentences that share the most terms with the question, in their original order. */
export function bestSentences(hit: KnowledgeHit, question: string, count = SENTENCES_PER_HIT): string[] {
  const wanted = new Set(terms(question));
  const sentences = hit.text
    .replace(/^#+\s.*$/gm, '')
    .split(/(?<=[.!?])\s+|\n{2,}|\n(?=[-*]\s)/)
    .map((sentence) =>
      sentence
        .replace(/\s+/g, ' ')
        .replace(/^[-*]\s+/, '')
        .trim(),
    )
    .filter((sentence) => sentence.length >= 20);
  const scored = sentences.map((sentence, index) => ({
    sentence,
    index,
    score: new Set(terms(sentence).filter((term) => wanted.has(term))).size,
  }));
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .sort((a, b) => a.index - b.index)
    .map(({ sentence }) => sentence);
}

/** The whole offline answer: extracts from the best passages, with [n] markers, and the client's facts. */
export function composeOfflineAnswer(grounding: Grounding): string {
  const parts: string[] = [];
  const hits = grounding.sources.list().slice(0, HITS_USED);
  if (hits.length === 0) {
    parts.push(
      'I could not find anything about this in the knowledge base. Try other words (a visa type such as "E33G", a KBLI code, a tax name), or ask a colleague.',
    );
  } else {
    parts.push('Here is what the knowledge base says:');
    for (const { number, hit } of hits) {
      const sentences = bestSentences(hit, grounding.question);
      if (sentences.length > 0) parts.push(`- **${hit.citation.title}**: ${sentences.join(' ')} [${number}]`);
    }
  }
  if (grounding.facts.length > 0) {
    parts.push(`What we know about this client:\n${grounding.facts.map((fact) => `- ${fact.content}`).join('\n')}`);
  }
  parts.push('_Offline answer: extracted from the knowledge base without a language model. Check the cited sources._');
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
