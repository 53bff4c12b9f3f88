import { z } from 'zod';
import { anthropicSettings, commonSettings, httpUrl, parseSettings, port, redisUrl, resolveSecrets } from '@nusa/platform';

/** Claude's settings; null in offline mode. */
export interface AnthropicSettings {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  maxTokens: number;
  /** The SDK's own retry budget for 429/529 and connection errors. */
  maxRetries: number;
}

/** The chat service's validated settings. */
export interface ChatConfig {
  port: number;
  redisUrl: string | undefined;
  crmUrl: string;
  memoryUrl: string;
  knowledgeUrl: string;
  anthropic: AnthropicSettings | null;
  /** Pause between offline tokens, so the answer reads as a stream in a browser. */
  offlineTokenDelayMs: number;
  /** How long a finished message's token stream stays replayable. */
  streamRetentionSeconds: number;
  /** How long a generator's claim on a message lasts unrenewed; a crashed generator's message is failed after twice this. */
  generationLeaseMs: number;
  logLevel: string;
  internalSecret: string;
}

const graphqlUrl = (fallback: string) => httpUrl().default(fallback);

export function loadChatConfig(env: NodeJS.ProcessEnv = process.env): ChatConfig {
  const settings = parseSettings(
    {
      ...commonSettings,
      CHAT_PORT: port(4004),
      REDIS_URL: redisUrl(),
      CRM_URL: graphqlUrl('http://localhost:4001/graphql'),
      MEMORY_URL: graphqlUrl('http://localhost:4002/graphql'),
      KNOWLEDGE_URL: graphqlUrl('http://localhost:4003/graphql'),
      ...anthropicSettings,
      ANTHROPIC_MAX_TOKENS: z.coerce.number().int().min(64).max(64_000).default(1024),
      ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
      OFFLINE_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(12),
      STREAM_RETENTION_SECONDS: z.coerce.number().int().min(1).default(3600),
      GENERATION_LEASE_MS: z.coerce.number().int().min(300).max(600_000).default(15_000),
    },
    env,
  );
  return {
    port: settings.CHAT_PORT,
    redisUrl: settings.REDIS_URL,
    crmUrl: settings.CRM_URL,
    memoryUrl: settings.MEMORY_URL,
    knowledgeUrl: settings.KNOWLEDGE_URL,
    anthropic: settings.ANTHROPIC_API_KEY
      ? {
          apiKey: settings.ANTHROPIC_API_KEY,
          baseUrl: settings.ANTHROPIC_BASE_URL,
          model: settings.ANTHROPIC_MODEL,
          maxTokens: settings.ANTHROPIC_MAX_TOKENS,
          maxRetries: settings.ANTHROPIC_MAX_RETRIES,
        }
      : null,
    offlineTokenDelayMs: settings.OFFLINE_TOKEN_DELAY_MS,
    streamRetentionSeconds: settings.STREAM_RETENTION_SECONDS,
    generationLeaseMs: settings.GENERATION_LEASE_MS,
    logLevel: settings.LOG_LEVEL,
    internalSecret: resolveSecrets(settings).internalSecret,
  };
}
