import { IDENTITY_HEADER, signIdentity } from '@nusa/platform';

/** Asks the CRM (which owns clients) which of some client ids exist, as the memory service. */
export class CrmDirectory {
  constructor(
    private readonly crmUrl: string,
    private readonly internalSecret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async existingClients(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const response = await fetch(this.crmUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'memory' }, this.internalSecret, 'crm'),
      },
      body: JSON.stringify({
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id } } }',
        variables: { r: ids.map((id) => ({ __typename: 'Client', id })) },
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json()) as { data?: { _entities: ({ id: string } | null)[] }; errors?: { message: string }[] };
    if (!body.data) throw new Error(`the CRM could not check clients: ${body.errors?.[0]?.message ?? response.status}`);
    return new Set(body.data._entities.filter((entity): entity is { id: string } => entity !== null).map((entity) => entity.id));
  }
}
