import Anthropic from '@anthropic-ai/sdk';
import type { Logger } from '@nusa/platform';
import { FactKind } from './fact.enums.js';
import { extractFacts, type FactCandidate } from './fact.extract.js';

/** Finds the facts worth remembering in what a client said. */
export interface FactExtractor {
  extract(text: string): Promise<FactCandidate[]>;
}

/** The offline extractor: the rules of {@link extractFacts}. */
export const ruleExtractor: FactExtractor = { extract: (text) => Promise.resolve(extractFacts(text)) };

const SLOTS = [
  'nationality',
  'visa.current',
  'visa.expiry',
  'company.plan',
  'budget',
  'family.spouse',
  'family.children',
  'date.arrival',
  'date.departure',
];

const TOOL = {
  name: 'record_facts',
  description: 'Record the durable facts about the client stated in the message.',
  input_schema: {
    type: 'object' as const,
    properties: {
      facts: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: Object.values(FactKind) },
            slot: { type: ['string', 'null'], enum: [...SLOTS, null], description: 'What the fact is about; null for anything else.' },
            content: { type: 'string', description: 'The fact as a short sentence, for example "KITAS expires 2027-03-14".' },
          },
          required: ['kind', 'slot', 'content'],
        },
      },
    },
    required: ['facts'],
  },
};

const SYSTEM =
  'You read messages a foreign client of a Bali business-services agency wrote about visas, stay permits, companies, tax and property. ' +
  'Record only durable facts about the client stated in the message: nationality, visa held and its expiry, company plans, budget, family, travel dates, firm preferences. ' +
  'Never guess; record nothing when nothing is stated.';

function isCandidate(value: unknown): value is { kind: FactKind; slot: string | null; content: string } {
  if (typeof value !== 'object' || value === null) return false;
  const fact = value as Record<string, unknown>;
  return (
    Object.values(FactKind).includes(fact.kind as FactKind) &&
    typeof fact.content === 'string' &&
    fact.content.trim() !== '' &&
    (fact.slot === null || SLOTS.includes(fact.slot as string))
  );
}

/**
 * Extraction with Claude through a forced tool call. Any failure (network, API error after the
 * SDK's retries, an answer that does not fit) falls back to the rules, so a fact is never lost to
 * an outage.
 */
export class ClaudeFactExtractor implements FactExtractor {
  private readonly client: Anthropic;
  private readonly model: string;

  constructor(
    options: { apiKey: string; baseUrl?: string | undefined; model: string; maxRetries?: number },
    private readonly logger: Logger,
  ) {
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? null,
      maxRetries: options.maxRetries ?? 2,
      timeout: 20_000,
    });
    this.model = options.model;
  }

  async extract(text: string): Promise<FactCandidate[]> {
    try {
      const response = await this.client.messages.create({
        model: this.model,
        max_tokens: 1024,
        system: SYSTEM,
        tools: [TOOL],
        tool_choice: { type: 'tool', name: TOOL.name },
        messages: [{ role: 'user', content: text }],
      });
      const call = response.content.find((block) => block.type === 'tool_use' && block.name === TOOL.name);
      const facts = call && call.type === 'tool_use' ? (call.input as { facts?: unknown }).facts : undefined;
      if (!Array.isArray(facts)) throw new Error('the model did not call record_facts');
      return facts.filter(isCandidate).map((fact) => ({ kind: fact.kind, slot: fact.slot, content: fact.content.trim() }));
    } catch (error) {
      this.logger.warn({ err: error }, 'fact extraction with Claude failed; using the rules');
      return extractFacts(text);
    }
  }
}
