import type { Caller } from '@nusa/platform';
import type { CitationRecord } from './memory-api.js';
import { subgraphQuery } from './service-call.js';

/** A knowledge passage with the citation a person can check. */
export interface KnowledgeHit {
  score: number;
  text: string;
  citation: CitationRecord;
}

export interface ClientSummary {
  id: string;
  fullName: string;
  email: string | null;
  nationality: string | null;
  status: string;
  practices: { type: string; status: string; title: string; dueDate: string | null; expiryDate: string | null }[];
}

export interface ServiceQuote {
  code: string;
  type: string;
  name: string;
  priceIdr: number;
  typicalDurationDays: number;
  requiredDocuments: string[];
}

const CLIENT_FIELDS = 'id fullName email nationality status practices { type status title dueDate expiryDate }';

/** The other subgraphs, called directly as the person the answer is for (their permissions apply). */
export class Platform {
  constructor(
    private readonly urls: { crm: string; knowledge: string },
    private readonly internalSecret: string,
  ) {}

  async searchKnowledge(as: Caller, query: string, options: { limit?: number; collections?: string[] } = {}): Promise<KnowledgeHit[]> {
    const data = await subgraphQuery<{ searchKnowledge: KnowledgeHit[] }>({
      service: 'knowledge',
      url: this.urls.knowledge,
      as,
      internalSecret: this.internalSecret,
      query: `query($q: String!, $limit: Int, $collections: [String!]) {
        searchKnowledge(query: $q, limit: $limit, collections: $collections) {
          score text citation { documentId title source collection chunkIndex headingPath }
        }
      }`,
      variables: { q: query.slice(0, 1000), limit: options.limit ?? 5, collections: options.collections ?? null },
    });
    return data.searchKnowledge;
  }

  async client(as: Caller, id: string): Promise<ClientSummary | null> {
    const data = await subgraphQuery<{ client: ClientSummary | null }>({
      service: 'crm',
      url: this.urls.crm,
      as,
      internalSecret: this.internalSecret,
      query: `query($id: ID!) { client(id: $id) { ${CLIENT_FIELDS} } }`,
      variables: { id },
    });
    return data.client;
  }

  async findClients(as: Caller, search: string): Promise<ClientSummary[]> {
    const data = await subgraphQuery<{ clients: { edges: { node: ClientSummary }[] } }>({
      service: 'crm',
      url: this.urls.crm,
      as,
      internalSecret: this.internalSecret,
      query: `query($search: String!) { clients(first: 5, filter: { search: $search }) { edges { node { ${CLIENT_FIELDS} } } } }`,
      variables: { search },
    });
    return data.clients.edges.map((edge) => edge.node);
  }

  async serviceCatalog(as: Caller): Promise<ServiceQuote[]> {
    const data = await subgraphQuery<{ serviceCatalog: ServiceQuote[] }>({
      service: 'crm',
      url: this.urls.crm,
      as,
      internalSecret: this.internalSecret,
      query: '{ serviceCatalog { code type name priceIdr typicalDurationDays requiredDocuments } }',
    });
    return data.serviceCatalog;
  }
}
