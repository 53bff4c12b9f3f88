import { clientError, ErrorCode, unauthenticated } from './errors.js';
import type { AuthenticatedCaller, Caller } from './identity.js';

/** What every subgraph's per-request context carries. */
export interface ServiceContext {
  caller: Caller;
  requestId: string;
  /** The mutation's idempotency key, as the gateway forwarded it (the `Idempotency-Key` header); unset without one. */
  idempotencyKey?: string;
}

/**
 * What an API key can be granted, as carried in the signed identity. The CRM's GraphQL enum
 * `ApiScope` names them `CRM_READ`, `CRM_WRITE`, `KNOWLEDGE_READ`, `KNOWLEDGE_WRITE`, `CHAT` and `REGISTERED_OPERATIONS_ONLY`.
 */
export const Scope = {
  /** Queries of the CRM: clients, practices, interactions, the team, the service catalog. */
  CrmRead: 'crm:read',
  /** Mutations of the CRM: create and update clients, open and move practices, log interactions. */
  CrmWrite: 'crm:write',
  /** Knowledge collections, documents and search. */
  KnowledgeRead: 'knowledge:read',
  /** Ingesting and deleting knowledge documents. */
  KnowledgeWrite: 'knowledge:write',
  /** Conversations, messages and memory facts (memory) and asking the assistant (chat). */
  Chat: 'chat',
  /** A restriction, not a permission: the key may only run operations registered in the gateway's manifest. */
  RegisteredOperationsOnly: 'operations:registered-only',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/** The authenticated caller, or an `UNAUTHENTICATED` error. */
export function requireCaller(context: ServiceContext): AuthenticatedCaller {
  if (context.caller.kind === 'anonymous') throw unauthenticated();
  return context.caller;
}

/** `FORBIDDEN`, naming the scope, when `caller` is an API key without `scope`; every other caller passes. */
export function requireScope(caller: Caller, scope: Scope): void {
  if (caller.kind !== 'apiKey' || caller.scopes.includes(scope)) return;
  const held = caller.scopes.length > 0 ? caller.scopes.join(', ') : 'none';
  throw clientError(ErrorCode.Forbidden, `This operation needs the API key scope ${scope}; the key "${caller.name}" has ${held}`, {
    scope,
  });
}
