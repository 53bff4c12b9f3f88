import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header in which the gateway forwards the caller's identity to subgraphs. */
export const IDENTITY_HEADER = 'x-nusa-identity';
/** The header carrying the request id from the gateway to subgraphs and back to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';

export const Role = {
  ADMIN: 'ADMIN',
  AGENT: 'AGENT',
  PARTNER: 'PARTNER',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Who is calling, as established by the gateway. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'member';
      id: string;
      role: Role;
      name: string;
      email: string;
      /** The session token the member called with (its `jti` and `exp`), so `logout` can revoke it. */
      session?: { jti: string; exp: number };
    }
  | {
      kind: 'apiKey';
      id: string;
      role: Role;
      name: string;
      scopes: string[];
      /** Subscriptions the key may hold open at once, when its administrator set a cap of its own. */
      maxSubscriptions?: number;
    }
  /** Another platform service (the chat subgraph calling memory, say), never a person. */
  | { kind: 'service'; name: string };

export type AuthenticatedCaller = Exclude<Caller, { kind: 'anonymous' }>;

export const anonymous: Caller = Object.freeze({ kind: 'anonymous' });

/**
 * How long a signed identity stays valid: a few seconds, enough for the gateway to reuse one for a
 * caller's burst of requests and for clock skew between hosts, short enough that a captured one is
 * worth little.
 */
export const IDENTITY_TTL_SECONDS = 30;

interface SignedIdentity {
  caller: Caller;
  /** The service the identity is for (`crm`, `memory` ...): any other refuses it. */
  aud: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
}

const keyrings = new Map<string, readonly string[]>();

/**
 * The secrets in an `INTERNAL_SECRET` value: one, or several separated by commas while keys are
 * rolled. The first signs; every one of them verifies.
 */
export function internalSecrets(setting: string): readonly string[] {
  let secrets = keyrings.get(setting);
  if (!secrets) {
    secrets = setting
      .split(',')
      .map((secret) => secret.trim())
      .filter(Boolean);
    keyrings.set(setting, secrets);
  }
  return secrets;
}

function mac(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * Encodes `caller` for the service `audience` as `<payload>.<hmac>`, both base64url, signed with
 * the first of the internal secrets.
 */
export function signIdentity(caller: Caller, secret: string, audience: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const body: SignedIdentity = { caller, aud: audience, iat: nowSeconds };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(payload, internalSecrets(secret)[0] ?? secret).toString('base64url')}`;
}

/**
 * Returns the caller in a signed identity header, or `undefined` when the header is missing,
 * malformed, forged, stale or issued for another service than `audience`. Subgraphs trust nothing
 * else about who is calling.
 */
export function verifyIdentity(
  header: string | undefined,
  secret: string,
  audience: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Caller | undefined {
  if (!header) return undefined;
  const dot = header.indexOf('.');
  if (dot <= 0) return undefined;
  const payload = header.slice(0, dot);
  const given = Buffer.from(header.slice(dot + 1), 'base64url');
  const signedByUs = internalSecrets(secret).some((candidate) => {
    const expected = mac(payload, candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedByUs) return undefined;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedIdentity;
    if (body.aud !== audience || Math.abs(nowSeconds - body.iat) > IDENTITY_TTL_SECONDS) return undefined;
    return body.caller;
  } catch {
    return undefined;
  }
}
