import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { clientError, ErrorCode, Scope, type Caller } from '@nusa/shared';
import type { GatewayContext } from '../context.js';
import { operationHash, type OperationManifest } from './operation-manifest.js';
import { limitError, operationCost, type QueryLimits } from './query-limits.js';
import type { Budget, RateLimiter, Verdict } from './rate-limiter.js';

/** The rate-limit tiers (see README, "Limits"). */
export interface Budgets {
  /** Every HTTP request, per caller. */
  global: Budget;
  /** Every GraphQL operation, per caller. */
  api: Budget;
  /** Sensitive operations (sign-in, key creation, ingest), per caller. */
  strict: Budget;
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

function loginAccount(operation: OperationDefinitionNode, variables: Record<string, unknown>): string | undefined {
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'login') continue;
    const value: ValueNode | undefined = selection.arguments?.find((argument) => argument.name.value === 'email')?.value;
    const email = value?.kind === Kind.STRING ? value.value : value?.kind === Kind.VARIABLE ? variables[value.name.value] : undefined;
    return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
  }
  return undefined;
}

/**
 * Per operation, before anything executes: the API budget, the strict budget for sensitive
 * operations, the failed-sign-in budgets of the caller and the target account, and the cost
 * ceiling. After a sign-in fails, it counts against both.
 */
export function guardPlugin(options: {
  limiter: RateLimiter;
  budgets: Budgets;
  limits: QueryLimits;
  onLimited?: (budget: Budget) => void;
  /** The operations a key with `operations:registered-only` may run. Default: none. */
  manifest?: OperationManifest;
}): ApolloServerPlugin<GatewayContext> {
  const { limiter, budgets, limits } = options;
  const enforce = async (budget: Budget, key: string, peek = false) => {
    const verdict = peek ? await limiter.peek(budget, key) : await limiter.hit(budget, key);
    if (peek ? verdict.count >= budget.limit : !verdict.allowed) {
      options.onLimited?.(budget);
      throw rateLimited(budget, peek ? { ...verdict, retryAfterSeconds: Math.max(verdict.retryAfterSeconds, 1) } : verdict);
    }
  };
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: async ({ operation, document, request, contextValue, schema, source }) => {
          if (!operation) return;
          const { caller } = contextValue;
          if (
            caller.kind === 'apiKey' &&
            caller.scopes.includes(Scope.RegisteredOperationsOnly) &&
            !options.manifest?.has(operationHash(source))
          ) {
            throw clientError(
              ErrorCode.Forbidden,
              `The key "${caller.name}" may only run the operations of the published manifest; this one is not in it`,
              {
                reason: 'UNREGISTERED_OPERATION',
              },
            );
          }
          const key = rateKey(contextValue.caller, contextValue.clientIp);
          // The first operation of a request was counted before routing, with the global budget.
          const precount = contextValue.apiPrecount;
          if (precount?.pending) precount.pending = false;
          else await enforce(budgets.api, key);
          const roots = operation.selectionSet.selections.flatMap((selection) =>
            selection.kind === Kind.FIELD ? [selection.name.value] : [],
          );
          if (roots.some((field) => SENSITIVE_FIELDS.has(field))) await enforce(budgets.strict, key);
          const account = loginAccount(operation, request.variables ?? {});
          if (account) {
            await enforce(budgets.loginFailuresPerCaller, key, true);
            await enforce(budgets.loginFailuresPerAccount, account, true);
            contextValue.loginAccount = account;
          }
          const fragments = Object.fromEntries(
            document.definitions
              .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const cost = operationCost(schema, operation, fragments, request.variables ?? {});
          if (cost > limits.maxCost) throw limitError('maxCost', limits.maxCost, cost, 'The query cost');
        },
        willSendResponse: async ({ contextValue, response }) => {
          const account = contextValue.loginAccount;
          if (!account || response.body.kind !== 'single') return;
          if (response.body.singleResult.errors?.some((error) => error.extensions?.code === ErrorCode.Unauthenticated)) {
            await limiter.hit(budgets.loginFailuresPerAccount, account);
            await limiter.hit(budgets.loginFailuresPerCaller, rateKey(contextValue.caller, contextValue.clientIp));
          }
        },
      }),
  };
}
