import { GraphQLError } from 'graphql';
import { checkIdempotencyKey, idempotencyScope } from './idempotency-key';

describe('idempotency keys', () => {
  it('accepts 1 to 255 visible ASCII characters and nothing for no key', () => {
    expect(checkIdempotencyKey('a', 'Idempotency-Key')).toBe('a');
    expect(checkIdempotencyKey('6f1c1f0e-2b7d-4c1e-9d7a-3c2b1a0f9e8d', 'Idempotency-Key')).toBe('6f1c1f0e-2b7d-4c1e-9d7a-3c2b1a0f9e8d');
    expect(checkIdempotencyKey('~'.repeat(255), 'Idempotency-Key')).toHaveLength(255);
    expect(checkIdempotencyKey(undefined, 'Idempotency-Key')).toBeUndefined();
    expect(checkIdempotencyKey(null, 'Idempotency-Key')).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['a space', 'two words'],
    ['a tab', 'tab\tkey'],
    ['a character outside ASCII', 'kunci-é'],
    ['a number', 42],
  ])('refuses a key that is %s with BAD_USER_INPUT naming the field', (_, value) => {
    let refused: unknown;
    try {
      checkIdempotencyKey(value, 'extensions.idempotencyKey');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'extensions.idempotencyKey' });
  });

  it('scopes keys to each member, API key and service, and keeps none for anonymous callers', () => {
    expect(idempotencyScope({ kind: 'member', id: 'm1', role: 'AGENT', name: 'Made', email: 'made@example.com' })).toBe('member:m1');
    expect(idempotencyScope({ kind: 'apiKey', id: 'k1', role: 'PARTNER', name: 'ERP', scopes: [] })).toBe('apiKey:k1');
    expect(idempotencyScope({ kind: 'service', name: 'chat' })).toBe('service:chat');
    expect(idempotencyScope({ kind: 'anonymous' })).toBeUndefined();
  });
});
