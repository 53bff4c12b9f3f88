import type { IncomingMessage } from 'node:http';
import { anonymous, API_KEY_PREFIX, clientError, ErrorCode, verifySessionToken, type Caller, type Role } from '@nusa/platform';
import type { CredentialVerifier } from './credentials/credential-verifier.js';

/**
 * The caller behind an `Authorization` value (a header, or the `authorization` field of a
 * graphql-ws `connection_init` payload): anonymous without one, the team member of a valid,
 * unrevoked session token, the partner of a valid API key (`nk_…`), and an `UNAUTHENTICATED` error
 * (HTTP 401) for any other credential.
 */
export async function authenticateAuthorization(header: unknown, jwtSecret: string, credentials: CredentialVerifier): Promise<Caller> {
  if (header === undefined || header === null || header === '') return anonymous;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) {
    throw clientError(ErrorCode.Unauthenticated, 'The Authorization header must be "Bearer <token>"', { http: { status: 401 } });
  }
  if (match[1].startsWith(API_KEY_PREFIX)) return credentials.apiKeyCaller(match[1]);
  const verdict = verifySessionToken(match[1], jwtSecret);
  if (!verdict.ok) {
    const message =
      verdict.reason === 'expired' ? 'Your session has expired; sign in again' : 'The bearer token is not valid; sign in again';
    throw clientError(ErrorCode.Unauthenticated, message, { http: { status: 401 }, reason: verdict.reason });
  }
  const { claims } = verdict;
  await credentials.assertSessionLive(claims);
  const session = { jti: claims.jti, exp: claims.exp };
  return { kind: 'member', id: claims.sub, role: claims.role as Role, name: claims.name, email: claims.email, session };
}

/** The caller of an HTTP request, from its Authorization header. */
export function authenticate(req: IncomingMessage, jwtSecret: string, credentials: CredentialVerifier): Promise<Caller> {
  return authenticateAuthorization(req.headers.authorization, jwtSecret, credentials);
}
