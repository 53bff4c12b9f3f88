import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { clientError, ErrorCode, Scope, type Caller } from '@nusa/platform';
import { operationHash, type OperationManifest } from './operation-manifest.js';
import { aliasRule, depthRule, limitError, operationCost, type QueryLimits } from './query-limits.js';
import type { Budget, RateLimiter, Verdict } from './rate-limiter.js';
import { noIntrospectionRule, withoutSuggestions } from './schema-privacy.js';
import type { OpenSubscriptions } from './open-subscriptions.js';

/** The rate-limit tiers (see README, "Limits"). */
export interface Budgets {
  /** Every HTTP request, per caller. */
  global: Budget;
  /** Every GraphQL operation, per caller. */
  api: Budget;
  /** Sensitive operations (sign-in, key creation, ingest), per caller. */
  strict: Budget;
  /** Subscribe attempts, per caller, whatever the transport. */
  subscribe: Budget;
  /** Failed sign-ins against one account, from anyone. */
  loginFailuresPerAccount: Budget;
  /** Failed sign-ins by one caller, against any account. */
  loginFailuresPerCaller: Budget;
}

/** Root fields that cost a hit of the strict budget. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set(['login', 'createApiKey', 'ingestDocument']);

/** Whom a budget counts: the team member or key, else the client's address. */
export function rateKey(caller: Caller, clientIp: string | undefined): string {
  switch (caller.kind) {
    case 'member':
    case 'apiKey':
      return `${caller.kind}:${caller.id}`;
    case 'service':
      return `service:${caller.name}`;
    default:
      return `ip:${clientIp ?? 'unknown'}`;
  }
}

/** Whom the open-subscription cap counts: a member's session (each signed-in browser has its own), a key, else the address. */
export function subscriptionHolder(caller: Caller, clientIp: string | undefined): string {
  return caller.kind === 'member' && caller.session ? `session:${caller.session.jti}` : rateKey(caller, clientIp);
}

/** `RATE_LIMITED` with the wait in `extensions` and, over HTTP, status 429 with `Retry-After`. */
export function rateLimited(budget: Budget, verdict: Verdict): GraphQLError {
  return new GraphQLError(
    `Too many requests (${budget.name}: ${budget.limit} per ${budget.windowSeconds} s); retry in ${verdict.retryAfterSeconds} s`,
    {
      extensions: {
        code: ErrorCode.RateLimited,
        budget: budget.name,
        limit: budget.limit,
        windowSeconds: budget.windowSeconds,
        retryAfterSeconds: verdict.retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(verdict.retryAfterSeconds)]]) },
      },
    },
  );
}

/** One operation as any transport received it, parsed and validated. */
export interface OperationRequest {
  caller: Caller;
  /** The client's address, for the budgets of anonymous callers. */
  clientIp?: string;
  /** The operation's text as sent (or as the manifest holds it for a hash): what the manifest is checked against. */
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  schema: GraphQLSchema;
  /**
   * Set when the API budget's hit for the request's first operation was counted with the global one
   * before routing (HTTP); the first operation clears it instead of counting again.
   */
  apiPrecount?: { pending: boolean };
}

/** An operation as a transport outside Apollo Server receives it (a graphql-ws `subscribe` payload, an SSE request). */
export interface OperationPayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** An operation parsed, validated and resolved, ready for {@link Admission.admit}; or why it cannot run. */
export type ParsedOperation =
  | { ok: true; source: string; document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown> }
  | { ok: false; errors: GraphQLError[] };

const requestError = (code: string, message: string) => ({
  ok: false as const,
  errors: [new GraphQLError(message, { extensions: { code } })],
});

/** What an admitted operation carries on. */
export interface Admitted {
  /** The account a `login` targets, so that a failure counts against it. */
  loginAccount?: string;
  /** Gives back a subscription's open slot when it ends; for other operations, and after the first call, it does nothing. */
  release: () => void;
}

/** Options of {@link Admission}. */
export interface AdmissionOptions {
  limiter: RateLimiter;
  budgets: Budgets;
  limits: QueryLimits & {
    /** Subscriptions one member session, key or address may hold open at once (a key may carry its own cap). */
    maxOpenSubscriptions: number;
  };
  /** The operations a key with `operations:registered-only` may run. Default: none. */
  manifest?: OperationManifest;
  /** Open subscriptions per holder, across gateway instances with Redis. */
  openSubscriptions: OpenSubscriptions;
  /** Introspection (and field suggestions in errors) allowed. */
  introspection: boolean;
  /** Rate limits and query-shape limits; off only to measure what they cost. The manifest rule stays on. Default: on. */
  guards?: boolean;
  onLimited?: (budget: Budget) => void;
}

const NOTHING_TO_RELEASE = () => undefined;

function loginAccount(operation: OperationDefinitionNode, variables: Record<string, unknown>): string | undefined {
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'login') continue;
    const value: ValueNode | undefined = selection.arguments?.find((argument) => argument.name.value === 'email')?.value;
    const email = value?.kind === Kind.STRING ? value.value : value?.kind === Kind.VARIABLE ? variables[value.name.value] : undefined;
    return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
  }
  return undefined;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * The one admission path every operation passes, whatever carried it (HTTP POST or GET, a batch, a
 * persisted query, graphql-ws, Server-Sent Events): the validation rules (query depth and aliases,
 * introspection and field suggestions when they are off), the registered-operations rule of
 * restricted keys, the API and strict budgets, the failed-sign-in budgets, the cost ceiling and, for
 * subscriptions, the subscribe-attempt budget and the cap on open subscriptions. Transports
 * authenticate the caller, parse and validate with {@link validationRules} / {@link validate}, then
 * call {@link admit}; a refusal is a `GraphQLError` with the same code and reason on every transport.
 */
export class Admission {
  /** The rules Apollo Server runs on top of GraphQL's own (it is configured with introspection allowed: the rule here decides). */
  readonly validationRules: readonly ValidationRule[];
  private readonly guards: boolean;

  constructor(private readonly options: AdmissionOptions) {
    this.guards = options.guards ?? true;
    const { limits } = options;
    this.validationRules = [
      ...(this.guards ? [depthRule(limits.maxDepth), aliasRule(limits.maxAliases)] : []),
      ...(options.introspection ? [] : [noIntrospectionRule]),
    ];
  }

  /** Whether errors may suggest schema names ("Did you mean …"): only where introspection is allowed. */
  get suggestions(): boolean {
    return this.options.introspection;
  }

  /**
   * GraphQL's rules plus {@link validationRules}, as Apollo Server runs them for HTTP, for the
   * transports outside it; errors carry `GRAPHQL_VALIDATION_FAILED` and no suggestions when those are off.
   */
  validate(schema: GraphQLSchema, document: DocumentNode): GraphQLError[] {
    const errors = validate(schema, document, [...specifiedRules, ...this.validationRules]);
    return errors.map((error) => {
      const message = this.suggestions ? error.message : withoutSuggestions(error.message);
      return new GraphQLError(message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    });
  }

  /**
   * For transports outside Apollo Server: the operation's text (sent, or the manifest's for a
   * persisted query's hash), parsed and validated as Apollo Server would, with the same error codes.
   */
  parse(payload: OperationPayload, schema: GraphQLSchema): ParsedOperation {
    const persisted = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
    let source = payload.query;
    if (typeof persisted === 'string') {
      if (source && operationHash(source) !== persisted) return requestError('BAD_REQUEST', 'provided sha does not match query');
      source ||= this.options.manifest?.get(persisted) ?? '';
      if (!source) return requestError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
    }
    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (error) {
      return requestError('GRAPHQL_PARSE_FAILED', error instanceof Error ? error.message : String(error));
    }
    const errors = this.validate(schema, document);
    if (errors.length > 0) return { ok: false, errors };
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) {
      const name = payload.operationName;
      return requestError(
        'OPERATION_RESOLUTION_FAILURE',
        name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.',
      );
    }
    return { ok: true, source, document, operation, variables: payload.variables ?? {} };
  }

  /** Admits `request` or throws the refusal; a subscription's slot must be given back with `release` when it ends. */
  async admit(request: OperationRequest): Promise<Admitted> {
    const { caller, operation, variables } = request;
    this.assertRegistered(caller, request.source);
    if (!this.guards) return { release: NOTHING_TO_RELEASE };
    const key = rateKey(caller, request.clientIp);
    // The first operation of an HTTP request was counted before routing, with the global budget.
    const precount = request.apiPrecount;
    if (precount?.pending) precount.pending = false;
    else await this.enforce(this.options.budgets.api, key);
    if (operation.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && SENSITIVE_FIELDS.has(selection.name.value)))
      await this.enforce(this.options.budgets.strict, key);
    const account = loginAccount(operation, variables);
    if (account) {
      await this.enforce(this.options.budgets.loginFailuresPerCaller, key, true);
      await this.enforce(this.options.budgets.loginFailuresPerAccount, account, true);
    }
    const { maxCost } = this.options.limits;
    const cost = operationCost(request.schema, operation, fragmentsOf(request.document), variables);
    if (cost > maxCost) throw limitError('maxCost', maxCost, cost, 'The query cost');
    const release = operation.operation === OperationTypeNode.SUBSCRIPTION ? await this.openSubscription(request, key) : NOTHING_TO_RELEASE;
    return account ? { loginAccount: account, release } : { release };
  }

  /** After a sign-in failed: it counts against the caller and the account it tried. */
  async loginFailed(caller: Caller, clientIp: string | undefined, account: string): Promise<void> {
    const { limiter, budgets } = this.options;
    await limiter.hit(budgets.loginFailuresPerAccount, account);
    await limiter.hit(budgets.loginFailuresPerCaller, rateKey(caller, clientIp));
  }

  private assertRegistered(caller: Caller, source: string): void {
    if (caller.kind !== 'apiKey' || !caller.scopes.includes(Scope.RegisteredOperationsOnly)) return;
    if (this.options.manifest?.has(operationHash(source))) return;
    throw clientError(
      ErrorCode.Forbidden,
      `The key "${caller.name}" may only run the operations of the published manifest; this one is not in it`,
      { reason: 'UNREGISTERED_OPERATION' },
    );
  }

  private async openSubscription(request: OperationRequest, key: string): Promise<() => void> {
    await this.enforce(this.options.budgets.subscribe, key);
    const { caller } = request;
    const limit = (caller.kind === 'apiKey' ? caller.maxSubscriptions : undefined) ?? this.options.limits.maxOpenSubscriptions;
    const slot = await this.options.openSubscriptions.acquire(subscriptionHolder(caller, request.clientIp), caller.kind, limit);
    if (slot) return slot;
    const budget: Budget = { name: 'open-subscriptions', limit, windowSeconds: 0 };
    this.options.onLimited?.(budget);
    throw new GraphQLError(`Too many open subscriptions (${limit} at once); end one before opening another`, {
      extensions: { code: ErrorCode.RateLimited, budget: budget.name, limit, http: { status: 429 } },
    });
  }

  private async enforce(budget: Budget, key: string, peek = false): Promise<void> {
    const { limiter } = this.options;
    const verdict = peek ? await limiter.peek(budget, key) : await limiter.hit(budget, key);
    if (peek ? verdict.count >= budget.limit : !verdict.allowed) {
      this.options.onLimited?.(budget);
      throw rateLimited(budget, peek ? { ...verdict, retryAfterSeconds: Math.max(verdict.retryAfterSeconds, 1) } : verdict);
    }
  }
}
