import { Redis } from 'ioredis';
import {
  anonymous,
  credentialRoutes,
  IDENTITY_HEADER,
  revocationKeys,
  signIdentity,
  verifySessionToken,
  type Caller,
} from '@nusa/platform';
import { TEST_SECRETS } from '@nusa/platform/testing';
import { startCrm, TEST_ADMIN, type CrmHarness } from '../testing';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const INVITE = `mutation($email: String!, $name: String!, $role: Role!) {
  inviteTeamMember(email: $email, name: $name, role: $role) { temporaryPassword member { id email name role active } }
}`;
const DEACTIVATE = 'mutation($id: ID!) { deactivateTeamMember(id: $id) { id active } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

interface Invited {
  inviteTeamMember: { temporaryPassword: string; member: { id: string; email: string; role: string; active: boolean } };
}

let crm: CrmHarness;
let redis: Redis;
beforeAll(async () => {
  crm = await startCrm('team_members', { redisUrl });
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  redis.disconnect();
  await crm.stop();
});

async function invite(email: string, role = 'AGENT'): Promise<Invited['inviteTeamMember']> {
  const result = await crm.as(crm.admin)<Invited>(INVITE, { email, name: 'Wayan Baru', role });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.inviteTeamMember;
}

/** Signs in as the gateway would forward it: the member caller with the session the token carries. */
async function signIn(
  email: string,
  password: string,
): Promise<Extract<Caller, { kind: 'member' }> & { session: { jti: string; exp: number } }> {
  const result = await crm.as(anonymous)<{ login: { token: string } }>(LOGIN, { email, password });
  const verdict = verifySessionToken(result.data?.login.token ?? '', TEST_SECRETS.jwtSecret);
  if (!verdict.ok) throw new Error(JSON.stringify(result.errors));
  const { claims } = verdict;
  return {
    kind: 'member',
    id: claims.sub,
    role: claims.role as 'AGENT',
    name: claims.name,
    email: claims.email,
    session: { jti: claims.jti, exp: claims.exp },
  };
}

async function revokedByCrm(jti: string): Promise<boolean> {
  const response = await fetch(new URL(credentialRoutes.sessionRevoked, crm.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'gateway' }, TEST_SECRETS.internalSecret, 'crm'),
    },
    body: JSON.stringify({ jti }),
  });
  return ((await response.json()) as { revoked: boolean }).revoked;
}

describe('inviting a team member', () => {
  it('adds an active member who signs in with the temporary password shown once', async () => {
    const invited = await invite('  Wayan@Example.com ');
    expect(invited.member).toMatchObject({ email: 'wayan@example.com', role: 'AGENT', active: true });
    expect(invited.temporaryPassword).toHaveLength(18);
    const member = await signIn('wayan@example.com', invited.temporaryPassword);
    expect(member.id).toBe(invited.member.id);
    const [entry] = await crm.orm.em
      .getConnection()
      .execute<{ action: string; after: Record<string, unknown> }[]>('select action, after from audit_entry where entity_id = ?', [
        invited.member.id,
      ]);
    expect(entry).toEqual({
      action: 'TEAM_MEMBER_INVITED',
      after: { email: 'wayan@example.com', name: 'Wayan Baru', role: 'AGENT', active: true },
    });
    expect(JSON.stringify(entry)).not.toContain(invited.temporaryPassword);
  });

  it.each([
    [{ email: 'not-an-email', name: 'X', role: 'AGENT' }, 'email'],
    [{ email: 'x@example.com', name: ' ', role: 'AGENT' }, 'name'],
    [{ email: 'x@example.com', name: 'X', role: 'PARTNER' }, 'role'],
    [{ email: TEST_ADMIN.email, name: 'X', role: 'AGENT' }, 'email'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (variables, field) => {
    const result = await crm.as(crm.admin)(INVITE, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('is for administrators only', async () => {
    const result = await crm.as(crm.agent)(INVITE, { email: 'y@example.com', name: 'Y', role: 'AGENT' });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('changing a password', () => {
  const CHANGE = 'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

  it('lets an invited member replace the temporary password, then sign in only with the new one', async () => {
    const invited = await invite('nyoman@example.com');
    const member = await signIn('nyoman@example.com', invited.temporaryPassword);
    const changed = await crm.as(member)(CHANGE, { current: invited.temporaryPassword, next: 'a long new passphrase' });
    expect(changed.data).toEqual({ changePassword: true });
    await expect(signIn('nyoman@example.com', invited.temporaryPassword)).rejects.toThrow('UNAUTHENTICATED');
    expect((await signIn('nyoman@example.com', 'a long new passphrase')).id).toBe(invited.member.id);
    const [entry] = await crm.orm.em
      .getConnection()
      .execute<{ after: unknown }[]>(`select after from audit_entry where entity_id = ? and action = 'TEAM_MEMBER_PASSWORD_CHANGED'`, [
        invited.member.id,
      ]);
    expect(entry?.after).toEqual({ passwordChanged: true });
  });

  it.each([
    [{ current: 'wrong', next: 'a long new passphrase' }, 'currentPassword'],
    [{ current: 'wrong', next: 'short' }, 'newPassword'],
  ])('refuses %j naming %s', async (variables, field) => {
    const result = await crm.as(crm.agent)(CHANGE, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('deactivating a team member', () => {
  it('revokes every session they hold, refuses their next request and their sign-in, and audits it', async () => {
    const invited = await invite('made@example.com');
    const first = await signIn('made@example.com', invited.temporaryPassword);
    const second = await signIn('made@example.com', invited.temporaryPassword);
    expect((await crm.as(first)('{ me { email } }')).data).toEqual({ me: { email: 'made@example.com' } });

    const result = await crm.as(crm.admin)<{ deactivateTeamMember: { active: boolean } }>(DEACTIVATE, { id: invited.member.id });
    expect(result.data?.deactivateTeamMember.active).toBe(false);

    for (const session of [first.session, second.session]) {
      expect(await revokedByCrm(session.jti)).toBe(true);
      expect(await redis.exists(revocationKeys.session(session.jti))).toBe(1);
    }
    const refused = await crm.as(first)('{ clients(first: 1) { totalCount } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'deactivated' });
    expect(refused.data).toBeUndefined();
    const login = await crm.as(anonymous)(LOGIN, { email: 'made@example.com', password: invited.temporaryPassword });
    expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const team = await crm.as(crm.admin)<{ active: { id: string }[]; everyone: { id: string }[] }>(
      '{ active: teamMembers { id } everyone: allTeamMembers { id } }',
    );
    expect(team.data?.active.map((m) => m.id)).not.toContain(invited.member.id);
    expect(team.data?.everyone.map((m) => m.id)).toContain(invited.member.id);
    const entries = await crm.orm.em
      .getConnection()
      .execute<{ action: string; before: unknown; after: unknown }[]>(
        `select action, before, after from audit_entry where entity_id = ? and action = 'TEAM_MEMBER_DEACTIVATED'`,
        [invited.member.id],
      );
    expect(entries).toEqual([{ action: 'TEAM_MEMBER_DEACTIVATED', before: { active: true }, after: { active: false } }]);
  });

  it('changes nothing the second time', async () => {
    const invited = await invite('twice@example.com');
    await crm.as(crm.admin)(DEACTIVATE, { id: invited.member.id });
    const again = await crm.as(crm.admin)(DEACTIVATE, { id: invited.member.id });
    expect(again.errors).toBeUndefined();
    const rows = await crm.orm.em.getConnection().execute('select 1 from audit_entry where entity_id = ?', [invited.member.id]);
    expect(rows).toHaveLength(2);
  });

  it('refuses to deactivate yourself', async () => {
    const self = await crm.as(crm.admin)(DEACTIVATE, { id: crm.admin.kind === 'member' ? crm.admin.id : '' });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('is for administrators only and answers NOT_FOUND for an unknown member', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await crm.as(crm.agent)(DEACTIVATE, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await crm.as(crm.admin)(DEACTIVATE, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
