import { verifyIdentity, type Caller } from '@nusa/shared';
import { SignedIdentities } from './signed-identities';

const secret = 'test-internal-secret-test-internal-secret';
const admin: Caller = { kind: 'member', id: 'm1', role: 'ADMIN', name: 'Admin', email: 'admin@localhost' };

describe('signed identities', () => {
  it('signs a caller once and reuses the identity for 30 seconds, then signs again', () => {
    let now = 1_800_000_000_000;
    const identities = new SignedIdentities(secret, () => now);
    const first = identities.of(admin);
    expect(verifyIdentity(first, secret, Math.floor(now / 1000))).toEqual(admin);
    now += 29_000;
    expect(identities.of({ ...admin })).toBe(first);
    now += 2_000;
    const second = identities.of(admin);
    expect(second).not.toBe(first);
    expect(verifyIdentity(second, secret, Math.floor(now / 1000))).toEqual(admin);
  });

  it('never gives one caller the identity of another', () => {
    const identities = new SignedIdentities(secret);
    const agent: Caller = { ...admin, id: 'm2', role: 'AGENT' };
    expect(verifyIdentity(identities.of(agent), secret)).toEqual(agent);
    expect(verifyIdentity(identities.of({ kind: 'anonymous' }), secret)).toEqual({ kind: 'anonymous' });
    expect(verifyIdentity(identities.of(admin), secret)).toEqual(admin);
  });
});
