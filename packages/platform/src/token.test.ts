import { signSessionToken, verifySessionToken, type SessionClaims } from './token';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const now = 1_800_000_000;
const claims: SessionClaims = { sub: 'm1', role: 'AGENT', name: 'Made', email: 'made@example.com', jti: 'j1', iat: now, exp: now + 60 };

describe('session tokens', () => {
  it('verifies a token it signed and returns its claims', () => {
    const verdict = verifySessionToken(signSessionToken(claims, secret), secret, now);
    expect(verdict).toEqual({ ok: true, claims });
  });

  it('rejects a token signed with another secret', () => {
    const verdict = verifySessionToken(signSessionToken(claims, 'another-secret-another-secret-another'), secret, now);
    expect(verdict).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a token whose claims were changed after signing', () => {
    const [head, , signature] = signSessionToken(claims, secret).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
    expect(verifySessionToken(`${head}.${forged}.${signature}`, secret, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a token without a jti, which could not be revoked', () => {
    const { jti: _jti, ...withoutJti } = claims;
    expect(verifySessionToken(signSessionToken(withoutJti as SessionClaims, secret), secret, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('rejects an expired token', () => {
    expect(verifySessionToken(signSessionToken(claims, secret), secret, now + 61)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects the unsigned "none" algorithm', () => {
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(verifySessionToken(`${head}.${body}.`, secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects garbage', () => {
    expect(verifySessionToken('not-a-token', secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
