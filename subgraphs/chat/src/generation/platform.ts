import { ServiceClient, type Caller } from '@nusa/platform';
import type { CitationRecord } from '@nusa/subgraph';

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
  private readonly crm: ServiceClient;
  private readonly knowledge: ServiceClient;

  constructor(urls: { crm: string; knowledge: string }, internalSecret: string) {
    this.crm = new ServiceClient({ service: 'crm', url: urls.crm, internalSecret, timeoutMs: 10_000 });
    this.knowledge = new ServiceClient({ service: 'knowledge', url: urls.knowledge, internalSecret, timeoutMs: 10_000 });
  }

  async searchKnowledge(as: Caller, query: string, options: { limit?: number; collections?: string[] } = {}): Promise<KnowledgeHit[]> {
    const data = await this.knowledge.query<{ searchKnowledge: KnowledgeHit[] }>(
      `query($q: String!, $limit: Int, $collections: [String!]) {
        searchKnowledge(query: $q, limit: $limit, collections: $collections) {
          score text citation { documentId title source collection chunkIndex headingPath lastCheckedAt stale }
        }
      }`,
      { q: query.slice(0, 1000), limit: options.limit ?? 5, collections: options.collections ?? null },
      { as, retries: 1 },
    );
    return data.searchKnowledge;
  }

  async client(as: Caller, id: string): Promise<ClientSummary | null> {
    const data = await this.crm.query<{ client: ClientSummary | null }>(
      `query($id: ID!) { client(id: $id) { ${CLIENT_FIELDS} } }`,
      { id },
      { as, retries: 1 },
    );
    return data.client;
  }

  async findClients(as: Caller, search: string): Promise<ClientSummary[]> {
    const data = await this.crm.query<{ clients: { edges: { node: ClientSummary }[] } }>(
      `query($search: String!) { clients(first: 5, filter: { search: $search }) { edges { node { ${CLIENT_FIELDS} } } } }`,
      { search },
      { as, retries: 1 },
    );
    return data.clients.edges.map((edge) => edge.node);
  }

  async serviceCatalog(as: Caller): Promise<ServiceQuote[]> {
    const data = await this.crm.query<{ serviceCatalog: ServiceQuote[] }>(
      '{ serviceCatalog { code type name priceIdr typicalDurationDays requiredDocuments } }',
      {},
      { as, retries: 1 },
    );
    return data.serviceCatalog;
  }
}
