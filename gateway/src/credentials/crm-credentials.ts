import { IDENTITY_HEADER, signIdentity, type Caller, type StoredApiKey, credentialRoutes } from '@nusa/platform';

const GATEWAY: Caller = Object.freeze({ kind: 'service', name: 'gateway' });
const TIMEOUT_MS = 2000;

/** The CRM's internal credential routes, called as the gateway's service identity. */
export class CrmCredentials {
  constructor(
    /** The CRM's GraphQL URL; its internal routes are on the same origin. Undefined until a supergraph names it. */
    private readonly crmUrl: () => string | undefined,
    private readonly internalSecret: string,
  ) {}

  async apiKey(id: string): Promise<StoredApiKey | null> {
    return (await this.post<{ apiKey: StoredApiKey | null }>(credentialRoutes.resolveApiKey, { id })).apiKey;
  }

  async touchApiKey(id: string): Promise<void> {
    await this.post(credentialRoutes.touchApiKey, { id });
  }

  async sessionRevoked(jti: string): Promise<boolean> {
    return (await this.post<{ revoked: boolean }>(credentialRoutes.sessionRevoked, { jti })).revoked;
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const base = this.crmUrl();
    if (!base) throw new Error('the supergraph names no crm subgraph');
    const response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(GATEWAY, this.internalSecret, 'crm') },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`crm ${path} answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as T;
  }
}
