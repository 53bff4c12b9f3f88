import { DEFAULT_RESTART_POLICY, describeExit, describePolicy, formatDuration, isCrash, RestartPolicy } from './supervision.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('the restart policy', () => {
  it('waits 0.5 s before the first restart and doubles the wait with each consecutive crash, up to 30 s', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now });
    const delays: number[] = [];
    for (let crash = 0; crash < 9; crash += 1) {
      // 70 s apart: never more than five restarts inside five minutes, never healthy in between.
      clock.advance(70_000);
      const decision = policy.crashed();
      if (decision.action !== 'restart') throw new Error(`gave up at crash ${crash + 1}`);
      delays.push(decision.delayMs);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('numbers each restart attempt and counts the restarts inside the window', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now });
    expect(policy.crashed()).toEqual({ action: 'restart', attempt: 1, delayMs: 500, restartsInWindow: 1 });
    clock.advance(2_000);
    expect(policy.crashed()).toEqual({ action: 'restart', attempt: 2, delayMs: 1000, restartsInWindow: 2 });
  });

  it('gives up at the sixth crash within five minutes, having restarted five times', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now });
    const actions = Array.from({ length: 6 }, () => {
      clock.advance(10_000);
      return policy.crashed().action;
    });
    expect(actions).toEqual(['restart', 'restart', 'restart', 'restart', 'restart', 'give-up']);
    expect(policy.crashed()).toEqual({ action: 'give-up', restartsInWindow: 5 });
  });

  it('counts restarts in a sliding window: once the oldest is five minutes old, the next crash is restarted again', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now });
    for (let crash = 0; crash < 5; crash += 1) {
      expect(policy.crashed().action).toBe('restart');
      clock.advance(1_000);
    }
    clock.advance(5 * 60_000 - 5_000 - 1);
    expect(policy.crashed().action).toBe('give-up');
    clock.advance(1);
    expect(policy.crashed()).toMatchObject({ action: 'restart', restartsInWindow: 5 });
  });

  it('starts the backoff afresh after a run that stayed healthy for a minute', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now });
    policy.crashed();
    policy.crashed();
    expect(policy.crashed()).toMatchObject({ attempt: 3, delayMs: 2000 });
    policy.healthy();
    clock.advance(60_000);
    expect(policy.crashed()).toMatchObject({ attempt: 1, delayMs: 500 });
  });

  it('keeps doubling when the run before the crash was healthy for less than a minute', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now });
    policy.crashed();
    policy.healthy();
    clock.advance(59_999);
    expect(policy.crashed()).toMatchObject({ attempt: 2, delayMs: 1000 });
    // Healthy long ago, then a crash without a healthy run in between: still consecutive.
    clock.advance(120_000);
    expect(policy.crashed()).toMatchObject({ attempt: 3, delayMs: 2000 });
  });

  it('keeps counting toward the budget across a reset of the backoff', () => {
    const clock = manualClock();
    const policy = new RestartPolicy({ now: clock.now, restartLimit: 2, stableAfterMs: 1_000 });
    policy.crashed();
    policy.healthy();
    clock.advance(1_000);
    expect(policy.crashed()).toMatchObject({ action: 'restart', attempt: 1, restartsInWindow: 2 });
    expect(policy.crashed().action).toBe('give-up');
  });

  it('takes every number from its options, and describes itself in the words the launcher prints', () => {
    const policy = new RestartPolicy({ initialDelayMs: 10, maxDelayMs: 25, restartLimit: 3, now: () => 0 });
    expect([policy.crashed(), policy.crashed(), policy.crashed(), policy.crashed()].map((decision) => decision.action)).toEqual([
      'restart',
      'restart',
      'restart',
      'give-up',
    ]);
    expect(new RestartPolicy({ initialDelayMs: 10, maxDelayMs: 25, now: () => 0 }).options).toMatchObject({ initialDelayMs: 10 });
    expect(describePolicy()).toBe('0.5 s doubling to 30 s, at most 5 restarts in 5 min');
    expect(DEFAULT_RESTART_POLICY.restartLimit).toBe(5);
  });
});

describe('reading an exit', () => {
  it("counts a signal or a non-zero code as a crash and exit code 0 as a deliberate stop, as Docker's and Fly's on-failure do", () => {
    expect(isCrash({ code: null, signal: 'SIGKILL' })).toBe(true);
    expect(isCrash({ code: 1, signal: null })).toBe(true);
    expect(isCrash({ code: 137, signal: null })).toBe(true);
    expect(isCrash({ code: 0, signal: null })).toBe(false);
  });

  it('names the signal or the exit code, and durations in seconds or minutes', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('signal SIGKILL');
    expect(describeExit({ code: 3, signal: null })).toBe('exit code 3');
    expect([500, 30_000, 300_000, 90_000].map(formatDuration)).toEqual(['0.5 s', '30 s', '5 min', '90 s']);
  });
});
