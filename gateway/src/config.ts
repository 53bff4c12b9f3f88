import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { commonSettings, ConfigError, httpUrl, parseSettings, port, redisUrl, resolveSecrets } from '@nusa/platform';
import { credentialSettingsOf, credentialSettingsShape, type CredentialSettings } from './credentials/credential-settings.js';

/** The gateway's validated settings. */
export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  /** Subgraph URLs that replace the ones in the supergraph, by subgraph name. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  /** Gateway processes behind the one port (WORKERS); default: one per core in production, else 1. Unset (tests): 1. */
  workers?: number;
  production: boolean;
  logLevel: string;
  jwtSecret: string;
  internalSecret: string;
  /** Revocation checks and API key caching (CREDENTIAL_CACHE_SECONDS, REVOCATION_FAIL_MODE); defaults when unset. */
  credentials?: Partial<CredentialSettings>;
  /** Redis for shared rate limits; unset: counted per instance. */
  redisUrl?: string;
  /** Browser origins allowed by CORS (same-origin needs none). */
  corsOrigins?: string[];
  /** Read the client address from Fly-Client-IP / X-Forwarded-For (only behind a proxy that sets them). */
  trustProxy?: boolean;
  /** Introspection (and field suggestions in errors); default: on outside production. */
  introspection?: boolean;
  /** A failing subgraph's own error message passed on to the client (else a generic one naming the subgraph); default: on outside production. */
  exposeSubgraphErrors?: boolean;
  limits?: Partial<GatewayLimits>;
  /** The persisted-operation manifest (Apollo's format): always-known APQ hashes, and all a registered-only key may run. */
  operationsManifestPath?: string;
  /** Rate limits, query-shape limits and per-operation metrics; off only to measure what they cost (never in production). Default: on. */
  guards?: boolean;
  /** Operations planned as one plain subgraph fetch answered with the subgraph's bytes (PASS_THROUGH); off only to compare. Default: on. */
  passThrough?: boolean;
  /** How often an open WebSocket's credential is checked again; not a setting (tests shorten it). Default: 30,000. */
  socketRecheckMs?: number;
  /** Heartbeat intervals of SSE and multipart subscriptions; not a setting (tests shorten them). Default: 12,000 and 5,000. */
  heartbeatMs?: { sse?: number; multipart?: number };
}

/** Query-shape limits and rate-limit budgets, each a setting. */
export interface GatewayLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxBatch: number;
  maxBodyBytes: number;
  globalPerMinute: number;
  apiPerMinute: number;
  strictPerMinute: number;
  loginFailuresPerAccount: number;
  loginFailuresPerCaller: number;
  /** Subscriptions one member session, API key or address may hold open at once, across instances with Redis. */
  maxOpenSubscriptions: number;
  /** Subscribe attempts per caller and minute, whatever the transport. */
  subscribeAttemptsPerMinute: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 25_000,
  maxBatch: 10,
  maxBodyBytes: 1024 * 1024,
  globalPerMinute: 1200,
  apiPerMinute: 600,
  strictPerMinute: 20,
  loginFailuresPerAccount: 5,
  loginFailuresPerCaller: 20,
  maxOpenSubscriptions: 50,
  subscribeAttemptsPerMinute: 120,
};

const url = httpUrl().optional();
const DEFAULT_MANIFEST_PATH = join(__dirname, '..', '..', 'schema', 'operations.json');

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
      WORKERS: z.coerce.number().int().min(1).max(256).optional(),
      CRM_URL: url,
      MEMORY_URL: url,
      KNOWLEDGE_URL: url,
      CHAT_URL: url,
      ...credentialSettingsShape,
      REDIS_URL: redisUrl(),
      CORS_ORIGINS: z
        .string()
        .default('')
        .transform((list) =>
          list
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        ),
      TRUST_PROXY: z.stringbool().default(false),
      GUARDS: z.enum(['on', 'off']).default('on'),
      PASS_THROUGH: z.enum(['on', 'off']).default('on'),
      OPERATIONS_MANIFEST: z.string().min(1).default(DEFAULT_MANIFEST_PATH),
      INTROSPECTION: z.stringbool().optional(),
      EXPOSE_SUBGRAPH_ERRORS: z.stringbool().optional(),
      MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(DEFAULT_LIMITS.maxDepth),
      MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxAliases),
      MAX_QUERY_COST: z.coerce.number().int().min(10).default(DEFAULT_LIMITS.maxCost),
      MAX_BATCH: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxBatch),
      MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_LIMITS.maxBodyBytes),
      RATE_LIMIT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.globalPerMinute),
      RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.apiPerMinute),
      RATE_LIMIT_STRICT_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.strictPerMinute),
      LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.loginFailuresPerAccount),
      LOGIN_FAILURES_PER_CALLER: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.loginFailuresPerCaller),
      MAX_OPEN_SUBSCRIPTIONS: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxOpenSubscriptions),
      SUBSCRIBE_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.subscribeAttemptsPerMinute),
    },
    env,
  );
  const overrides = { crm: settings.CRM_URL, memory: settings.MEMORY_URL, knowledge: settings.KNOWLEDGE_URL, chat: settings.CHAT_URL };
  if (settings.GUARDS === 'off' && settings.NODE_ENV === 'production')
    throw new ConfigError('GUARDS=off is for measuring only; it is refused when NODE_ENV=production');
  return {
    port: settings.PORT,
    supergraphPath: settings.SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(Object.entries(overrides).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    subgraphTimeoutMs: settings.SUBGRAPH_TIMEOUT_MS,
    workers: settings.WORKERS ?? (settings.NODE_ENV === 'production' ? availableParallelism() : 1),
    production: settings.NODE_ENV === 'production',
    redisUrl: settings.REDIS_URL,
    corsOrigins: settings.CORS_ORIGINS,
    trustProxy: settings.TRUST_PROXY,
    guards: settings.GUARDS === 'on',
    passThrough: settings.PASS_THROUGH === 'on',
    operationsManifestPath: settings.OPERATIONS_MANIFEST,
    introspection: settings.INTROSPECTION,
    exposeSubgraphErrors: settings.EXPOSE_SUBGRAPH_ERRORS,
    limits: {
      maxDepth: settings.MAX_QUERY_DEPTH,
      maxAliases: settings.MAX_ALIASES,
      maxCost: settings.MAX_QUERY_COST,
      maxBatch: settings.MAX_BATCH,
      maxBodyBytes: settings.MAX_BODY_BYTES,
      globalPerMinute: settings.RATE_LIMIT_GLOBAL_PER_MINUTE,
      apiPerMinute: settings.RATE_LIMIT_API_PER_MINUTE,
      strictPerMinute: settings.RATE_LIMIT_STRICT_PER_MINUTE,
      loginFailuresPerAccount: settings.LOGIN_FAILURES_PER_ACCOUNT,
      loginFailuresPerCaller: settings.LOGIN_FAILURES_PER_CALLER,
      maxOpenSubscriptions: settings.MAX_OPEN_SUBSCRIPTIONS,
      subscribeAttemptsPerMinute: settings.SUBSCRIBE_ATTEMPTS_PER_MINUTE,
    },
    credentials: credentialSettingsOf(settings),
    logLevel: settings.LOG_LEVEL,
    ...resolveSecrets(settings),
  };
}

/** A gateway configuration with every default applied: what the server is built from. */
export interface SettledGatewayConfig extends GatewayConfig {
  limits: GatewayLimits;
  guards: boolean;
  passThrough: boolean;
  introspection: boolean;
  exposeSubgraphErrors: boolean;
  trustProxy: boolean;
  corsOrigins: string[];
  operationsManifestPath: string;
}

/**
 * The one place the gateway's defaults are applied, for a configuration read from the environment
 * ({@link loadGatewayConfig}) or written by a test: limits from {@link DEFAULT_LIMITS}, guards on,
 * introspection and subgraph error messages only outside production, no proxy trusted.
 */
export function settleGatewayConfig(config: GatewayConfig): SettledGatewayConfig {
  return {
    ...config,
    limits: { ...DEFAULT_LIMITS, ...config.limits },
    guards: config.guards ?? true,
    passThrough: config.passThrough ?? true,
    introspection: config.introspection ?? !config.production,
    exposeSubgraphErrors: config.exposeSubgraphErrors ?? !config.production,
    trustProxy: config.trustProxy ?? false,
    corsOrigins: config.corsOrigins ?? [],
    operationsManifestPath: config.operationsManifestPath ?? DEFAULT_MANIFEST_PATH,
  };
}
