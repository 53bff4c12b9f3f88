import { ServiceClient } from '@nusa/platform';

const MEMORY = { kind: 'service', name: 'memory' } as const;

/** Asks the CRM (which owns clients) which of some client ids exist, as the memory service. */
export class CrmDirectory {
  private readonly crm: ServiceClient;

  constructor(crmUrl: string, internalSecret: string, timeoutMs = 5000) {
    this.crm = new ServiceClient({ service: 'crm', url: crmUrl, internalSecret, timeoutMs });
  }

  async existingClients(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const data = await this.crm.query<{ _entities: ({ id: string } | null)[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id } } }',
      { r: ids.map((id) => ({ __typename: 'Client', id })) },
      { as: MEMORY, retries: 1 },
    );
    return new Set(data._entities.filter((entity): entity is { id: string } => entity !== null).map((entity) => entity.id));
  }
}
