import { IDENTITY_TTL_SECONDS, signIdentity, verifyIdentity, type Caller } from './identity';

const secret = 'internal-secret-internal-secret-internal';
const next = 'the-next-internal-secret-the-next-internal';
const caller: Caller = { kind: 'member', id: 'm1', role: 'AGENT', name: 'Made', email: 'made@example.com' };

describe('forwarded identity', () => {
  it('round-trips a caller signed with the internal secret for its audience', () => {
    expect(verifyIdentity(signIdentity(caller, secret, 'crm', 100), secret, 'crm', 100)).toEqual(caller);
  });

  it('refuses a missing header', () => {
    expect(verifyIdentity(undefined, secret, 'crm')).toBeUndefined();
  });

  it('refuses an identity signed with another secret', () => {
    expect(verifyIdentity(signIdentity(caller, 'x'.repeat(40), 'crm', 100), secret, 'crm', 100)).toBeUndefined();
  });

  it('refuses an identity issued for another service', () => {
    const forMemory = signIdentity(caller, secret, 'memory', 100);
    expect(verifyIdentity(forMemory, secret, 'memory', 100)).toEqual(caller);
    expect(verifyIdentity(forMemory, secret, 'crm', 100)).toBeUndefined();
  });

  it('refuses a payload swapped under a valid signature', () => {
    const [, signature] = signIdentity({ kind: 'anonymous' }, secret, 'crm', 100).split('.');
    const payload = Buffer.from(JSON.stringify({ caller: { ...caller, role: 'ADMIN' }, aud: 'crm', iat: 100 })).toString('base64url');
    expect(verifyIdentity(`${payload}.${signature}`, secret, 'crm', 100)).toBeUndefined();
  });

  it('refuses an identity older than a few seconds, limiting replay', () => {
    const signed = signIdentity(caller, secret, 'crm', 100);
    expect(verifyIdentity(signed, secret, 'crm', 100 + IDENTITY_TTL_SECONDS)).toEqual(caller);
    expect(verifyIdentity(signed, secret, 'crm', 100 + IDENTITY_TTL_SECONDS + 1)).toBeUndefined();
    expect(IDENTITY_TTL_SECONDS).toBeLessThan(60);
  });

  it('signs with the first of several secrets and accepts any of them while keys are rolled', () => {
    const rolling = `${next},${secret}`;
    const signedDuringRoll = signIdentity(caller, rolling, 'crm', 100);
    expect(verifyIdentity(signedDuringRoll, next, 'crm', 100)).toEqual(caller);
    expect(verifyIdentity(signedDuringRoll, secret, 'crm', 100)).toBeUndefined();
    expect(verifyIdentity(signIdentity(caller, secret, 'crm', 100), rolling, 'crm', 100)).toEqual(caller);
    expect(verifyIdentity(signIdentity(caller, `${secret},${next}`, 'crm', 100), rolling, 'crm', 100)).toEqual(caller);
  });
});
