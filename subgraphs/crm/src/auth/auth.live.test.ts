import { anonymous, IDENTITY_HEADER, signIdentity, verifySessionToken } from '@nusa/platform';
import { postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { startCrm, TEST_ADMIN, type CrmHarness } from '../testing';

const LOGIN =
  'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt member { email role } } }';

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('auth');
});
afterAll(() => crm.stop());

describe('signing in', () => {
  it('issues a session token for the right password', async () => {
    const result = await crm.as(anonymous)<{ login: { token: string; member: { email: string; role: string } } }>(LOGIN, TEST_ADMIN);
    expect(result.errors).toBeUndefined();
    expect(result.data?.login.member).toEqual({ email: TEST_ADMIN.email, role: 'ADMIN' });
    const verdict = verifySessionToken(result.data?.login.token ?? '', TEST_SECRETS.jwtSecret);
    expect(verdict.ok && verdict.claims.role).toBe('ADMIN');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrongPassword = await crm.as(anonymous)(LOGIN, { email: TEST_ADMIN.email, password: 'nope' });
    const unknownEmail = await crm.as(anonymous)(LOGIN, { email: 'nobody@example.com', password: 'nope' });
    for (const result of [wrongPassword, unknownEmail]) {
      expect(result.errors?.[0]).toMatchObject({ message: 'Email or password is incorrect', extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});

describe('the gateway-only door', () => {
  const query = '{ clients(first: 1) { totalCount } }';

  it('answers 401 to a request without an identity header', async () => {
    const result = await postGraphQL(crm.url, query);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('answers 401 to an identity signed with another secret', async () => {
    const forged = signIdentity(crm.admin, 'not-the-internal-secret-not-the-internal', 'crm');
    const result = await postGraphQL(crm.url, query, {}, { [IDENTITY_HEADER]: forged });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an anonymous caller on every CRM read', async () => {
    const result = await crm.as(anonymous)(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  it('lets an API key read only with the crm:read scope (see api-scope.test.ts)', async () => {
    const partner = { kind: 'apiKey' as const, id: 'k1', role: 'PARTNER' as const, name: 'Partner', scopes: [] };
    expect((await crm.as(partner)(query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await crm.as({ ...partner, scopes: ['crm:read'] })(query)).errors).toBeUndefined();
  });
});
