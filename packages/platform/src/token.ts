import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims the platform puts in a session token. */
export interface SessionClaims {
  /** Team member id. */
  sub: string;
  role: string;
  name: string;
  email: string;
  /** Token id, used to revoke a single session. */
  jti: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Signs `claims` as a compact HS256 JWT. */
export function signSessionToken(claims: SessionClaims, secret: string): string {
  const body = `${header}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

export type TokenVerdict = { ok: true; claims: SessionClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/**
 * Verifies an HS256 JWT: the algorithm must be HS256 (never `none`), the signature must match in
 * constant time, and `exp` must lie in the future.
 */
export function verifySessionToken(token: string, secret: string, nowSeconds = Date.now() / 1000): TokenVerdict {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [head, payload, signature] = parts as [string, string, string];
  let claims: SessionClaims;
  try {
    const decodedHeader = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    if (decodedHeader.alg !== 'HS256') return { ok: false, reason: 'malformed' };
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const expected = sign(`${head}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || claims.jti === '') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
