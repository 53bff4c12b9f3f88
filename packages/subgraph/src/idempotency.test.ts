import { requestHash } from './idempotency';

describe('the request hash a key is held for', () => {
  it('is the same for the same operation and arguments, whatever the order of their fields', () => {
    const at = new Date('2026-12-03T10:00:00Z');
    expect(requestHash('createClient', { input: { fullName: 'Sofia', email: 's@example.com', at } })).toBe(
      requestHash('createClient', { input: { at: new Date(at.getTime()), email: 's@example.com', fullName: 'Sofia' } }),
    );
  });

  it('differs for another argument value, another operation, or a field added', () => {
    const base = requestHash('createClient', { input: { fullName: 'Sofia' } });
    expect(requestHash('createClient', { input: { fullName: 'Sofie' } })).not.toBe(base);
    expect(requestHash('updateClient', { input: { fullName: 'Sofia' } })).not.toBe(base);
    expect(requestHash('createClient', { input: { fullName: 'Sofia', email: null } })).not.toBe(base);
  });

  it('treats an absent argument and one left undefined alike', () => {
    expect(requestHash('createClient', { input: { fullName: 'Sofia', email: undefined } })).toBe(
      requestHash('createClient', { input: { fullName: 'Sofia' } }),
    );
  });
});
