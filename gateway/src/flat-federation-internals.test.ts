import * as internals from '@apollo/federation-internals';
import { plainExports } from './flat-federation-internals';

describe('the plain copy of @apollo/federation-internals', () => {
  const original = internals as unknown as Record<string, unknown>;
  const plain = plainExports(original);

  it('holds every export with the same value, as a data property', () => {
    const names = Object.keys(original);
    expect(names.length).toBeGreaterThan(100);
    expect(Object.keys(plain)).toEqual(names);
    for (const name of names) {
      expect(plain[name]).toBe(original[name]);
      expect(Object.getOwnPropertyDescriptor(plain, name)).toHaveProperty('value');
    }
  });

  it('is still marked as an ES module, for interop helpers', () => {
    expect(plain.__esModule).toBe(true);
  });
});
