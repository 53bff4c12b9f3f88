import { signIdentity, verifyIdentity, type Caller } from './identity';

const secret = 'internal-secret-internal-secret-internal';
const caller: Caller = { kind: 'member', id: 'm1', role: 'AGENT', name: 'Made', email: 'made@example.com' };

describe('forwarded identity', () => {
  it('round-trips a caller signed with the internal secret', () => {
    expect(verifyIdentity(signIdentity(caller, secret, 100), secret, 100)).toEqual(caller);
  });

  it('refuses a missing header', () => {
    expect(verifyIdentity(undefined, secret)).toBeUndefined();
  });

  it('refuses an identity signed with another secret', () => {
    expect(verifyIdentity(signIdentity(caller, 'x'.repeat(40), 100), secret, 100)).toBeUndefined();
  });

  it('refuses a payload swapped under a valid signature', () => {
    const [, signature] = signIdentity({ kind: 'anonymous' }, secret, 100).split('.');
    const payload = Buffer.from(JSON.stringify({ caller: { ...caller, role: 'ADMIN' }, iat: 100 })).toString('base64url');
    expect(verifyIdentity(`${payload}.${signature}`, secret, 100)).toBeUndefined();
  });

  it('refuses a stale identity, limiting replay', () => {
    expect(verifyIdentity(signIdentity(caller, secret, 100), secret, 100 + 301)).toBeUndefined();
  });
});
