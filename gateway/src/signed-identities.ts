import { signIdentity, type Caller } from '@nusa/shared';

/** How long a signed identity is reused: far inside the 5 minutes subgraphs accept one for. */
const REUSE_MS = 30_000;
/** Callers remembered at most; the longest unseen is forgotten first. */
const MAX_CALLERS = 10_000;

/**
 * The signed `x-nusa-identity` of each caller, signed once and reused for 30 seconds instead of per
 * request. Only requests that authenticated get one; identical callers (the whole caller object,
 * session included) share it, which also lets their identical subgraph fetches in flight share.
 */
export class SignedIdentities {
  private readonly signed = new Map<string, { identity: string; signedAt: number }>();

  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  of(caller: Caller): string {
    const key = JSON.stringify(caller);
    const now = this.now();
    const known = this.signed.get(key);
    if (known && now - known.signedAt < REUSE_MS) return known.identity;
    if (known) this.signed.delete(key);
    else if (this.signed.size >= MAX_CALLERS) this.signed.delete(this.signed.keys().next().value as string);
    const identity = signIdentity(caller, this.secret, Math.floor(now / 1000));
    this.signed.set(key, { identity, signedAt: now });
    return identity;
  }
}
