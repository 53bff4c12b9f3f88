import { InProcessRateLimiter, verdictOf, type Budget } from './rate-limiter';

const budget: Budget = { name: 'api', limit: 10, windowSeconds: 60 };
const windowStart = 60_000 * 1000;

describe('the sliding-window arithmetic', () => {
  it('allows hits up to the limit in a fresh window and refuses the next until the window ends', () => {
    expect(verdictOf(budget, 10, 0, windowStart + 30_000)).toEqual({ allowed: true, count: 10, retryAfterSeconds: 0 });
    expect(verdictOf(budget, 11, 0, windowStart + 30_000)).toEqual({ allowed: false, count: 11, retryAfterSeconds: 30 });
  });

  it("counts the previous window's hits in proportion to how much of it the sliding window still covers", () => {
    // A quarter into the window, three quarters of the previous 8 hits still count: 3 + 6 = 9.
    expect(verdictOf(budget, 3, 8, windowStart + 15_000)).toMatchObject({ allowed: true, count: 9 });
    expect(verdictOf(budget, 5, 8, windowStart + 15_000)).toMatchObject({ allowed: false, count: 11 });
  });

  it('says how long until the decaying previous window lets a hit through, never more than to the next window', () => {
    // 5 + 8 × 0.75 = 11, one over: the previous share must lose one hit, 1/8 of a window = 7.5 s.
    expect(verdictOf(budget, 5, 8, windowStart + 15_000).retryAfterSeconds).toBe(8);
    // Over the limit in the current bucket alone: only the next window helps.
    expect(verdictOf(budget, 12, 8, windowStart + 15_000).retryAfterSeconds).toBe(45);
    expect(verdictOf(budget, 11, 0, windowStart + 59_600).retryAfterSeconds).toBe(1);
  });
});

describe('the in-process limiter', () => {
  it('refuses the hit after the limit, lets hits through again as the window slides, and peeks without counting', async () => {
    let now = windowStart;
    const limiter = new InProcessRateLimiter(() => now);
    const small: Budget = { name: 'strict', limit: 2, windowSeconds: 60 };
    expect((await limiter.hit(small, 'member:1')).allowed).toBe(true);
    expect((await limiter.hit(small, 'member:1')).allowed).toBe(true);
    expect((await limiter.peek(small, 'member:1')).count).toBe(2);
    expect((await limiter.hit(small, 'member:1')).allowed).toBe(false);
    expect((await limiter.hit(small, 'member:2')).allowed).toBe(true);
    now += 60_000 + 45_000;
    // A quarter of the previous window's three hits still counts: one more is allowed.
    expect((await limiter.hit(small, 'member:1')).allowed).toBe(true);
    // Two windows on, nothing of the past counts.
    now += 120_000;
    const [first, second] = await limiter.hitEach([
      { budget: small, key: 'member:1' },
      { budget: small, key: 'member:1' },
    ]);
    expect([first?.allowed, second?.allowed]).toEqual([true, true]);
    await limiter.close();
  });
});
