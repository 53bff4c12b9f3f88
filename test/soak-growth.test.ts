import { growthAfter, type RssSample } from '../bench/src/soak/resources';

/** Samples every 10 s of one process from `fromS` to `toS` seconds, its RSS given by `mb(seconds)`. */
function run(pid: number, fromS: number, toS: number, mb: (seconds: number) => number): RssSample[] {
  const samples: RssSample[] = [];
  for (let seconds = fromS; seconds <= toS; seconds += 10) samples.push({ at: seconds * 1000, name: 'memory', pid, rssMb: mb(seconds) });
  return samples;
}

describe("the soak's memory growth", () => {
  it('gives a restarted process the same warm-up as the first one before measuring it', () => {
    // Killed at 100 s; the restarted process fills its heap for a minute, then holds steady.
    const samples = [...run(1, 0, 100, () => 100), ...run(2, 110, 400, (s) => (s < 170 ? 80 + (s - 110) : 140))];
    const [growth] = growthAfter(samples, 60_000);
    expect(growth?.pid).toBe(2);
    expect(growth?.growthPct).toBeCloseTo(0, 5);
    expect(growth?.minutes).toBeCloseTo((400 - 170) / 60, 5);
  });

  it('still shows a process that keeps growing after its warm-up', () => {
    const [growth] = growthAfter(
      run(1, 0, 600, (s) => 100 + s / 10),
      60_000,
    );
    expect(growth?.slopeMbPerMin).toBeCloseTo(6, 5);
    expect(growth?.growthPct).toBeGreaterThan(40);
  });
});
