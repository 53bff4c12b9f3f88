import type Anthropic from '@anthropic-ai/sdk';
import { type Caller } from '@nusa/platform';
import { isUuid } from '@nusa/subgraph';
import type { Platform } from './platform.js';
import type { Sources } from './responder.js';

/** The tools Claude may call, over the other subgraphs, with the asking person's permissions. */
export const TOOLS: Anthropic.Messages.Tool[] = [
  {
    name: 'lookup_client',
    description:
      "Finds a client of the agency and their practices (visa, KITAS, company setup ... with status, due and expiry dates). Give the client's id when known, else part of their name or email.",
    input_schema: {
      type: 'object',
      properties: {
        clientId: { type: 'string', description: 'The client id (a UUID).' },
        search: { type: 'string', description: 'Part of the name or email.' },
      },
    },
  },
  {
    name: 'search_knowledge',
    description:
      'Searches the knowledge base (visa rules, KBLI codes, tax, legal, property, culture in Bali and Indonesia). Returns numbered passages to cite as [n].',
    input_schema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What to look for.' },
        collections: {
          type: 'array',
          items: { type: 'string' },
          description: 'Optional: visa_oracle, kbli_eye, tax_genius, legal_architect, property_sage, bali_zero.',
        },
      },
      required: ['query'],
    },
  },
  {
    name: 'quote_price',
    description:
      "Quotes the agency's list price, typical duration and required documents for a service, from the price list in the CRM. Give a practice type (KITAS, KITAP, VISA, PT_PMA, TAX, PROPERTY) or words from the service name.",
    input_schema: {
      type: 'object',
      properties: { service: { type: 'string', description: 'A practice type or part of the service name or code.' } },
      required: ['service'],
    },
  },
];

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Runs one tool call; the result is what the model reads. Unknown tools and bad input are answered, not thrown. */
export async function runTool(
  platform: Platform,
  caller: Caller,
  sources: Sources,
  name: string,
  input: Record<string, unknown>,
): Promise<{ result: unknown; isError: boolean }> {
  switch (name) {
    case 'lookup_client': {
      const clientId = text(input.clientId);
      if (clientId && isUuid(clientId)) {
        const client = await platform.client(caller, clientId);
        return client ? { result: { clients: [client] }, isError: false } : { result: { error: 'No client with that id' }, isError: true };
      }
      const search = text(input.search);
      if (!search) return { result: { error: 'Give clientId or search' }, isError: true };
      return { result: { clients: await platform.findClients(caller, search) }, isError: false };
    }
    case 'search_knowledge': {
      const query = text(input.query);
      if (!query) return { result: { error: 'Give a query' }, isError: true };
      const collections = Array.isArray(input.collections)
        ? input.collections.filter((c): c is string => typeof c === 'string')
        : undefined;
      const hits = await platform.searchKnowledge(caller, query, { limit: 5, collections: collections?.length ? collections : undefined });
      return {
        result: {
          passages: sources.add(hits).map(({ number, hit }) => ({ cite: `[${number}]`, title: hit.citation.title, text: hit.text })),
        },
        isError: false,
      };
    }
    case 'quote_price': {
      const wanted = text(input.service).toLowerCase();
      if (!wanted) return { result: { error: 'Give a service' }, isError: true };
      const catalog = await platform.serviceCatalog(caller);
      const matches = catalog.filter(
        (service) =>
          service.type.toLowerCase() === wanted ||
          service.code.toLowerCase().includes(wanted) ||
          service.name.toLowerCase().includes(wanted),
      );
      return matches.length > 0
        ? { result: { currency: 'IDR', services: matches }, isError: false }
        : { result: { error: 'No service matches', types: [...new Set(catalog.map((service) => service.type))] }, isError: true };
    }
    default:
      return { result: { error: `Unknown tool ${name}` }, isError: true };
  }
}
