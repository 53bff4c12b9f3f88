import type { Grounding } from './responder.js';

const PERSONA = `You are the assistant of an agency in Bali that helps foreigners with Indonesian visas and stay permits (VOA, visit visas, KITAS, KITAP), company setup (PT PMA, KBLI business codes, OSS licensing), tax (NPWP, PPh, VAT) and property (leasehold, Hak Pakai, HGB). You answer the agency's team members.

Rules:
- Ground every factual statement in the numbered knowledge passages below or in your tools' results, and cite them as [n]. Do not invent regulations, fees or deadlines; say when the knowledge base does not cover something.
- Regulations change: when a rule or price matters for a decision, suggest confirming with the responsible officer.
- Prices are the agency's list prices from the quote_price tool, in Indonesian rupiah (IDR).
- Be concise and practical: steps, documents, timelines.`;

/** The system prompt: the business, the client's known facts and the numbered passages to cite. */
export function systemPrompt(grounding: Grounding): string {
  const parts = [PERSONA];
  if (grounding.clientId)
    parts.push(`This conversation is about the client with id ${grounding.clientId} (use lookup_client for details).`);
  if (grounding.facts.length > 0) {
    parts.push(`What we remember about this client:\n${grounding.facts.map((fact) => `- ${fact.content}`).join('\n')}`);
  }
  const passages = grounding.sources.list();
  parts.push(
    passages.length > 0
      ? `Knowledge passages:\n${passages
          .map(
            ({ number, hit }) =>
              `[${number}] ${hit.citation.title}${hit.citation.headingPath.length ? ` > ${hit.citation.headingPath.join(' > ')}` : ''}\n${hit.text}`,
          )
          .join('\n\n')}`
      : 'No knowledge passage matched the question; use search_knowledge if it helps.',
  );
  return parts.join('\n\n');
}
