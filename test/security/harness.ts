import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import WebSocket from 'ws';
import { signSessionToken, type Caller, type SessionClaims } from '@nusa/platform';
import { postGraphQL, type GraphQLResult, TEST_SECRETS } from '@nusa/platform/testing';

/** The committed supergraph the security suites serve. */
export const SUPERGRAPH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A session token for `member` as the CRM's login would sign it, `changes` applied. Minted here
 * rather than by logging in, so these suites do not spend the shared sign-in rate limit.
 */
export function sessionToken(member: Caller, changes: Partial<SessionClaims> = {}, secret = TEST_SECRETS.jwtSecret): string {
  if (member.kind !== 'member') throw new Error('a team member is needed');
  const now = Math.floor(Date.now() / 1000);
  const claims: SessionClaims = {
    sub: member.id,
    role: member.role,
    name: member.name,
    email: member.email,
    jti: randomUUID(),
    iat: now,
    exp: now + 3600,
    ...changes,
  };
  return signSessionToken(claims, secret);
}

/** A GraphQL request through `url` with `Authorization: Bearer <credential>`. */
export function bearer(url: string, credential: string) {
  return <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<TData>> =>
    postGraphQL<TData>(url, query, variables, { authorization: `Bearer ${credential}` });
}

/** A graphql-ws connection sent `connection_init`: `acked` settles true on the ack, false when it closes first. */
function connect(url: string, authorization: string): { acked: Promise<boolean>; closed: Promise<number>; close: () => void } {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const acked = new Promise<boolean>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'connection_ack') resolve(true);
    });
    socket.on('error', reject);
    void closed.then(() => resolve(false));
  });
  return { acked, closed, close: () => socket.close(1000) };
}

/** 'acked' when the gateway acknowledges `connection_init`, else the code it closes the socket with. */
export async function connectionVerdict(url: string, authorization: string): Promise<'acked' | number> {
  const connection = connect(url, authorization);
  if (!(await connection.acked)) return connection.closed;
  connection.close();
  return 'acked';
}

/** An acknowledged graphql-ws connection; `closed` resolves with its close code. */
export async function openSocket(url: string, authorization: string): Promise<{ closed: Promise<number>; close: () => void }> {
  const connection = connect(url, authorization);
  if (!(await connection.acked)) throw new Error(`closed with ${await connection.closed} before it was acknowledged`);
  return connection;
}

/** What `promise` resolves with, or 'still open' when it has not after `ms`. */
export const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> =>
  Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);
