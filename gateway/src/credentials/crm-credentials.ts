import { credentialRoutes, ServiceClient, type Caller, type StoredApiKey } from '@nusa/platform';

const GATEWAY: Caller = Object.freeze({ kind: 'service', name: 'gateway' });
const call = { as: GATEWAY, timeoutMs: 2000 };

/** The CRM's internal credential routes, called as the gateway's service identity. */
export class CrmCredentials {
  private readonly crm: ServiceClient;

  /** @param crmUrl - the CRM's GraphQL URL (its internal routes are on the same origin); undefined until a supergraph names it. */
  constructor(crmUrl: () => string | undefined, internalSecret: string) {
    this.crm = new ServiceClient({ service: 'crm', url: crmUrl, internalSecret });
  }

  async apiKey(id: string): Promise<StoredApiKey | null> {
    return (await this.crm.post<{ apiKey: StoredApiKey | null }>(credentialRoutes.resolveApiKey, { id }, { ...call, retries: 1 })).apiKey;
  }

  async touchApiKey(id: string): Promise<void> {
    await this.crm.post(credentialRoutes.touchApiKey, { id }, call);
  }

  async sessionRevoked(jti: string): Promise<boolean> {
    return (await this.crm.post<{ revoked: boolean }>(credentialRoutes.sessionRevoked, { jti }, { ...call, retries: 1 })).revoked;
  }
}
