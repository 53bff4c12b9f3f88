import { ExpiringMap } from './expiring-map';

describe('the expiring map credentials are cached in', () => {
  it('answers until an entry expires, then forgets it', () => {
    const map = new ExpiringMap<string, number>();
    map.set('a', 1, 1000, 0);
    expect(map.get('a', 999)).toBe(1);
    expect(map.get('a', 1000)).toBeUndefined();
    expect(map.get('a', 0)).toBeUndefined();
  });

  it('drops the oldest entry beyond its size', () => {
    const map = new ExpiringMap<string, number>(2);
    map.set('a', 1, 1000, 0);
    map.set('b', 2, 1000, 0);
    map.set('c', 3, 1000, 0);
    expect([map.get('a', 1), map.get('b', 1), map.get('c', 1)]).toEqual([undefined, 2, 3]);
  });

  it('keeps nothing for a lifetime of zero, and replaces what was there', () => {
    const map = new ExpiringMap<string, number>();
    map.set('a', 1, 1000, 0);
    map.set('a', 2, 0, 0);
    expect(map.get('a', 1)).toBeUndefined();
  });
});
