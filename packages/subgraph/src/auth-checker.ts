import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, requireCaller, requireScope, Role, type Scope, type ServiceContext } from '@nusa/platform';

/** How an API key reaches a subgraph's `@Authorized()` fields. */
export interface ApiKeyAccess {
  /** The scope a key needs for queries (and any other field that is not a mutation or subscription). */
  read: Scope;
  /** The scope a key needs for mutations and subscriptions. */
  write: Scope;
  /**
   * Administrator-only fields (by field name) a key holding `write` may still use, such as
   * `ingestDocument`. Every other administrator-only field stays closed to keys. Default: none.
   */
  adminFieldsOpenToKeys?: readonly string[];
}

/**
 * type-graphql's `@Authorized()` check. Members: any signed-in member passes an empty role list,
 * otherwise their role must be listed. Services may only read. API keys, given `apiKeys`: the
 * scope stands in for the role (the administrator who granted `crm:write` decided the key may
 * write), so a key passes a field open to any caller or to agents when it holds the field's scope;
 * administrator-only fields stay closed unless listed in `adminFieldsOpenToKeys`. Without
 * `apiKeys` the subgraph is closed to keys. Failing raises `UNAUTHENTICATED` or `FORBIDDEN`, never
 * a bare false.
 */
export function authCheckerFor(apiKeys?: ApiKeyAccess): AuthCheckerFn<ServiceContext, Role> {
  return ({ context, info }, roles) => {
    const caller = requireCaller(context);
    if (caller.kind === 'service') {
      if (roles.length > 0) throw forbidden('A service identity may only read');
      return true;
    }
    if (caller.kind === 'apiKey') {
      if (!apiKeys) throw forbidden('This service is for the team; an API key cannot use it');
      const adminOnly = roles.length > 0 && !roles.includes(Role.AGENT) && !roles.includes(Role.PARTNER);
      if (adminOnly && !apiKeys.adminFieldsOpenToKeys?.includes(info.fieldName)) {
        throw forbidden(`${info.fieldName} is for administrators signed in as team members; an API key cannot use it`);
      }
      const operation = info.parentType.name;
      requireScope(caller, operation === 'Mutation' || operation === 'Subscription' ? apiKeys.write : apiKeys.read);
      return true;
    }
    if (roles.length > 0 && !roles.includes(caller.role)) {
      throw forbidden(`This operation needs one of the roles ${roles.join(', ')}; you are ${caller.role}`);
    }
    return true;
  };
}

/** The role check alone: API keys are refused everywhere (see {@link authCheckerFor} to let them in by scope). */
export const roleAuthChecker: AuthCheckerFn<ServiceContext, Role> = authCheckerFor();
