import { join } from 'node:path';
import { z } from 'zod';
import { commonSettings, parseSettings, port, resolveSecrets } from '@nusa/shared';
import { credentialSettingsOf, credentialSettingsShape, type CredentialSettings } from './credentials/credential-settings.js';

/** The gateway's validated settings. */
export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  /** Subgraph URLs that replace the ones in the supergraph, by subgraph name. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  production: boolean;
  logLevel: string;
  jwtSecret: string;
  internalSecret: string;
  /** Revocation checks and API key caching (CREDENTIAL_CACHE_SECONDS, REVOCATION_FAIL_MODE); defaults when unset. */
  credentials?: Partial<CredentialSettings>;
}

const url = z.url({ protocol: /^https?$/ }).optional();

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const settings = parseSettings(
    {
      ...commonSettings,
      PORT: port(4000),
      SUPERGRAPH_PATH: z
        .string()
        .min(1)
        .default(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
      CRM_URL: url,
      MEMORY_URL: url,
      KNOWLEDGE_URL: url,
      CHAT_URL: url,
      ...credentialSettingsShape,
    },
    env,
  );
  const overrides = { crm: settings.CRM_URL, memory: settings.MEMORY_URL, knowledge: settings.KNOWLEDGE_URL, chat: settings.CHAT_URL };
  return {
    port: settings.PORT,
    supergraphPath: settings.SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(Object.entries(overrides).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    subgraphTimeoutMs: settings.SUBGRAPH_TIMEOUT_MS,
    production: settings.NODE_ENV === 'production',
    credentials: credentialSettingsOf(settings),
    logLevel: settings.LOG_LEVEL,
    ...resolveSecrets(settings),
  };
}
