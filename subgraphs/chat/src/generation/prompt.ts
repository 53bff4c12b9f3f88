import { alternativeFor, relevantPassages, type RelevantPassage } from './passages.js';
import { staleNote } from './freshness.js';
import type { Grounding } from './responder.js';

const PERSONA = `You are the assistant of an agency in Bali that helps foreigners with Indonesian visas and stay permits (VOA, visit visas, KITAS, KITAP), company setup (PT PMA, KBLI business codes, OSS licensing), tax (NPWP, PPh, VAT) and property (leasehold, Hak Pakai, HGB). You answer the agency's team members.

Rules:
- Ground every factual statement in the numbered knowledge passages below or in your tools' results, and cite each one as [n] right after it, using the numbers given; name the document by its title when you rely on it. Do not invent regulations, fees, ages or deadlines.
- State the conditions that decide eligibility exactly as the passages give them: ages (for example "60 or older"), amounts (for example "IDR 10 billion"), durations and validity (for example "25 years"), deadlines. When the question says something about the person (their age, their money, their plans), compare it with those conditions and say plainly whether they meet them; when they do not, name the alternative the passages give, if any.
- When the passages do not answer the question, say so in one plain sentence ("The knowledge base does not answer this."), cite nothing, and do not fill the gap from general knowledge; you may first try search_knowledge with other words.
- Regulations change: when a rule or price matters for a decision, suggest confirming with the responsible officer.
- Prices are the agency's list prices from the quote_price tool, in Indonesian rupiah (IDR).
- Be concise and practical: steps, documents, timelines.`;

function passageBlock({ number, hit, conditions }: RelevantPassage): string {
  const heading = hit.citation.headingPath?.length ? ` > ${hit.citation.headingPath.join(' > ')}` : '';
  const stated = conditions.length > 0 ? `\nConditions stated: ${conditions.join('; ')}` : '';
  const stale = staleNote(hit.citation);
  const review = stale ? `\n${stale} If you rely on it, say so in your answer in one plain sentence.` : '';
  return `[${number}] ${hit.citation.title}${heading}\n${hit.text}${stated}${review}`;
}

/**
 * The system prompt: the business, the client's known facts and the numbered passages to cite —
 * the same passages the offline answer would use ({@link relevantPassages}: above the relevance
 * floors, no document that only repeats a figure another states, with the conditions they state),
 * so the model is not handed neighbours that do not answer.
 */
export function systemPrompt(grounding: Grounding): string {
  const parts = [PERSONA];
  if (grounding.clientId)
    parts.push(`This conversation is about the client with id ${grounding.clientId} (use lookup_client for details).`);
  if (grounding.facts.length > 0) {
    parts.push(`What we remember about this client:\n${grounding.facts.map((fact) => `- ${fact.content}`).join('\n')}`);
  }
  const hits = grounding.sources.list();
  const passages = relevantPassages(grounding.question, hits);
  const alternative = alternativeFor(grounding.question, hits, passages);
  const given = alternative ? [...passages, alternative] : passages;
  parts.push(
    given.length > 0
      ? `Knowledge passages:\n${given.map(passageBlock).join('\n\n')}`
      : 'No knowledge passage answers this question. Say that the knowledge base does not answer it, or use search_knowledge with other words.',
  );
  return parts.join('\n\n');
}
