import { IDENTITY_TTL_SECONDS, signIdentity, type Caller } from '@nusa/platform';

/** How long a signed identity is reused: a third of the time subgraphs accept one for. */
const REUSE_MS = (IDENTITY_TTL_SECONDS * 1000) / 3;
/** Caller and audience pairs remembered at most; the longest unseen is forgotten first. */
const MAX_ENTRIES = 10_000;

/**
 * The signed `x-nusa-identity` of each caller for each subgraph, signed once and reused for a few
 * seconds instead of per request. Each is bound to the subgraph it is sent to, so one subgraph
 * cannot replay it against another. Only requests that authenticated get one; identical callers
 * (the whole caller object, session included) share it, which also lets their identical subgraph
 * fetches in flight share.
 */
export class SignedIdentities {
  private readonly signed = new Map<string, { identity: string; signedAt: number }>();

  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The identities of `caller`, by the subgraph they are for. */
  of(caller: Caller): (audience: string) => string {
    const callerKey = JSON.stringify(caller);
    return (audience) => this.sign(caller, `${audience}\n${callerKey}`, audience);
  }

  private sign(caller: Caller, key: string, audience: string): string {
    const now = this.now();
    const known = this.signed.get(key);
    if (known && now - known.signedAt < REUSE_MS) return known.identity;
    if (known) this.signed.delete(key);
    else if (this.signed.size >= MAX_ENTRIES) this.signed.delete(this.signed.keys().next().value as string);
    const identity = signIdentity(caller, this.secret, audience, Math.floor(now / 1000));
    this.signed.set(key, { identity, signedAt: now });
    return identity;
  }
}
