import { createServiceMetrics } from '@nusa/platform';
import { growthAfter, heapOfMetrics, type RssSample } from '../bench/src/soak/resources';

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

  it("splits a Node service's growth into its V8 heap and the rest of RSS over the same minutes", () => {
    // RSS grows 20 MB over the run, all of it in the committed heap; one scrape did not answer.
    const samples = run(1, 0, 600, (s) => 100 + s / 30).map((sample, index) =>
      index === 40 ? sample : { ...sample, heap: { totalMb: 40 + sample.at / 30_000, newMb: 8 + sample.at / 30_000, oldUsedMb: 25 } },
    );
    const [growth] = growthAfter(samples, 60_000);
    const heap = growth?.heap;
    expect(heap).toBeDefined();
    expect((growth?.lastMb ?? 0) - (growth?.firstMb ?? 0)).toBeCloseTo(heap ? heap.last.totalMb - heap.first.totalMb : 0, 0);
    expect(heap && heap.last.newMb - heap.first.newMb).toBeGreaterThan(12);
    expect(heap?.last.oldUsedMb).toBeCloseTo(25, 5);
    expect(
      growthAfter(
        run(1, 0, 600, () => 100),
        60_000,
      )[0]?.heap,
    ).toBeUndefined();
  });

  it("reads a service's heap from its /metrics, and nothing from a scrape without it", async () => {
    // What every subgraph and gateway serves on /metrics.
    const heap = heapOfMetrics(await createServiceMetrics('soak-test').scrape());
    const { heapTotal } = process.memoryUsage();
    expect(heap?.totalMb).toBeGreaterThan(0);
    expect(heap?.totalMb).toBeLessThan((heapTotal / 1024 / 1024) * 2);
    expect(heap?.newMb).toBeGreaterThan(0);
    expect(heap?.oldUsedMb).toBeGreaterThan(0);
    expect(heapOfMetrics('process_resident_memory_bytes 1000\n')).toBeUndefined();
  });
});
