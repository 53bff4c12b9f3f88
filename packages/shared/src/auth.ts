import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from './errors.js';
import type { AuthenticatedCaller, Caller, Role } from './identity.js';

/** What every subgraph's per-request context carries. */
export interface ServiceContext {
  caller: Caller;
  requestId: string;
}

/** The authenticated caller, or an `UNAUTHENTICATED` error. */
export function requireCaller(context: ServiceContext): AuthenticatedCaller {
  if (context.caller.kind === 'anonymous') throw unauthenticated();
  return context.caller;
}

/**
 * type-graphql's `@Authorized()` check: any signed-in caller passes an empty role list; otherwise
 * the caller's role must be listed. Failing raises `UNAUTHENTICATED` or `FORBIDDEN`, never a bare false.
 */
export const roleAuthChecker: AuthChecker<ServiceContext, Role> = ({ context }, roles) => {
  const caller = requireCaller(context);
  if (caller.kind === 'service') {
    if (roles.length > 0) throw forbidden('A service identity may only read');
    return true;
  }
  if (roles.length > 0 && !roles.includes(caller.role)) {
    throw forbidden(`This operation needs one of the roles ${roles.join(', ')}; you are ${caller.role}`);
  }
  return true;
};
