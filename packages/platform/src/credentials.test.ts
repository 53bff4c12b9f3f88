import { apiKeySecretMatches, formatApiKey, hashApiKeySecret, newApiKeySecret, parseApiKey } from './credentials';

const id = '0b7e3c1a-5d2f-4e8a-9c3b-1f2e3d4c5b6a';

describe('API key format', () => {
  it('round-trips the id and the secret through nk_<id>_<secret>', () => {
    const secret = newApiKeySecret();
    const key = formatApiKey(id, secret);
    expect(key).toMatch(/^nk_0b7e3c1a5d2f4e8a9c3b1f2e3d4c5b6a_[\w-]{43}$/);
    expect(parseApiKey(key)).toEqual({ id, secret });
  });

  it.each(['', 'nk_', `nk_${'0'.repeat(32)}_short`, `nk_${'z'.repeat(32)}_${'a'.repeat(43)}`, 'eyJhbGciOiJIUzI1NiJ9.e30.x'])(
    'refuses the malformed key %j',
    (key) => {
      expect(parseApiKey(key)).toBeUndefined();
    },
  );

  it('makes 32-byte secrets that differ every time', () => {
    const secrets = new Set(Array.from({ length: 100 }, newApiKeySecret));
    expect(secrets.size).toBe(100);
    expect(Buffer.from([...secrets][0] ?? '', 'base64url')).toHaveLength(32);
  });

  it('matches a secret against its SHA-256 hash and nothing else', () => {
    const secret = newApiKeySecret();
    const stored = hashApiKeySecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeySecretMatches(secret, stored)).toBe(true);
    expect(apiKeySecretMatches(newApiKeySecret(), stored)).toBe(false);
    expect(apiKeySecretMatches(secret, 'not-a-hash')).toBe(false);
  });
});
