import { z } from 'zod';

/** How the gateway verifies credentials beyond a token's signature. */
export interface CredentialSettings {
  /**
   * Seconds the gateway trusts what the CRM told it about an API key (and, without Redis, about a
   * session token): without Redis, the longest a revocation takes to reach this gateway. Default: 5.
   */
  cacheSeconds: number;
  /**
   * What a session token is worth when its revocation cannot be checked at all (Redis and the CRM
   * both unreachable): `open` accepts it, `closed` refuses it. Default: `open`, because the token
   * still expires on time and closing would sign out every member for the length of an outage.
   */
  revocationFailMode: 'open' | 'closed';
}

export const DEFAULT_CREDENTIAL_SETTINGS: CredentialSettings = { cacheSeconds: 5, revocationFailMode: 'open' };

/** The settings' environment variables, merged into the gateway's own. */
export const credentialSettingsShape = {
  CREDENTIAL_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(DEFAULT_CREDENTIAL_SETTINGS.cacheSeconds),
  REVOCATION_FAIL_MODE: z.enum(['open', 'closed']).default(DEFAULT_CREDENTIAL_SETTINGS.revocationFailMode),
};

export function credentialSettingsOf(settings: {
  CREDENTIAL_CACHE_SECONDS: number;
  REVOCATION_FAIL_MODE: 'open' | 'closed';
}): CredentialSettings {
  return { cacheSeconds: settings.CREDENTIAL_CACHE_SECONDS, revocationFailMode: settings.REVOCATION_FAIL_MODE };
}
