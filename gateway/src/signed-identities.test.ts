import { IDENTITY_TTL_SECONDS, verifyIdentity, type Caller } from '@nusa/platform';
import { SignedIdentities } from './signed-identities';

const secret = 'test-internal-secret-test-internal-secret';
const admin: Caller = { kind: 'member', id: 'm1', role: 'ADMIN', name: 'Admin', email: 'admin@localhost' };

describe('signed identities', () => {
  it('signs a caller once per subgraph and reuses it for a third of its lifetime, then signs again', () => {
    let now = 1_800_000_000_000;
    const identities = new SignedIdentities(secret, () => now);
    const first = identities.of(admin)('crm');
    expect(verifyIdentity(first, secret, 'crm', Math.floor(now / 1000))).toEqual(admin);
    now += (IDENTITY_TTL_SECONDS * 1000) / 3 - 1000;
    expect(identities.of({ ...admin })('crm')).toBe(first);
    now += 2_000;
    const second = identities.of(admin)('crm');
    expect(second).not.toBe(first);
    expect(verifyIdentity(second, secret, 'crm', Math.floor(now / 1000))).toEqual(admin);
  });

  it('binds each identity to its subgraph', () => {
    const identities = new SignedIdentities(secret);
    const forCrm = identities.of(admin)('crm');
    const forMemory = identities.of(admin)('memory');
    expect(verifyIdentity(forCrm, secret, 'crm')).toEqual(admin);
    expect(verifyIdentity(forMemory, secret, 'memory')).toEqual(admin);
    expect(verifyIdentity(forCrm, secret, 'memory')).toBeUndefined();
    expect(verifyIdentity(forMemory, secret, 'crm')).toBeUndefined();
  });

  it('never gives one caller the identity of another', () => {
    const identities = new SignedIdentities(secret);
    const agent: Caller = { ...admin, id: 'm2', role: 'AGENT' };
    expect(verifyIdentity(identities.of(agent)('crm'), secret, 'crm')).toEqual(agent);
    expect(verifyIdentity(identities.of({ kind: 'anonymous' })('crm'), secret, 'crm')).toEqual({ kind: 'anonymous' });
    expect(verifyIdentity(identities.of(admin)('crm'), secret, 'crm')).toEqual(admin);
  });
});
