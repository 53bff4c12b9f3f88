import type { ExecutionResult } from 'graphql';
import { Channel } from './channel';
import { SharedStream } from './shared-stream';

/** An upstream the test feeds by hand; `returned` tells whether the stream closed it. */
function upstream() {
  let returned = 0;
  const channel = new Channel<ExecutionResult>(() => (returned += 1));
  return { channel, returned: () => returned };
}

const event = (n: number): ExecutionResult => ({ data: { n } });

async function collect(channel: Channel<ExecutionResult>): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const result of channel) seen.push(result.data?.n ?? result.errors?.[0]?.message);
  return seen;
}

async function settled(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('one upstream shared by identical subscriptions', () => {
  it('resolves each event once, delivers them in upstream order even when resolutions finish out of order, to every subscriber', async () => {
    const source = upstream();
    const resolved: number[] = [];
    const stream = new SharedStream(
      source.channel,
      async (raw) => {
        const n = (raw.data as { n: number }).n;
        resolved.push(n);
        // The first event resolves last.
        await new Promise((resolve) => setTimeout(resolve, n === 1 ? 20 : 0));
        return { data: { n: n * 10 } };
      },
      () => ({ errors: [] }),
      () => undefined,
    );
    const first = collect(stream.join());
    const second = collect(stream.join());
    source.channel.push(event(1));
    source.channel.push(event(2));
    source.channel.push(event(3));
    source.channel.end();
    expect(await first).toEqual([10, 20, 30]);
    expect(await second).toEqual([10, 20, 30]);
    expect(resolved).toEqual([1, 2, 3]);
  });

  it('gives a late joiner what it missed first, then the live events', async () => {
    const source = upstream();
    const stream = new SharedStream(
      source.channel,
      (raw) => Promise.resolve(raw),
      () => ({}),
      () => undefined,
    );
    const early = stream.join();
    source.channel.push(event(1));
    await settled();
    const late = collect(stream.join());
    source.channel.push(event(2));
    source.channel.end();
    expect(await late).toEqual([1, 2]);
    expect(await collect(early)).toEqual([1, 2]);
  });

  it('closes the upstream and stops once the last subscriber leaves', async () => {
    const source = upstream();
    const stopped = jest.fn();
    const stream = new SharedStream(
      source.channel,
      (raw) => Promise.resolve(raw),
      () => ({}),
      stopped,
    );
    const one = stream.join();
    const two = stream.join();
    await one.return();
    expect(source.returned()).toBe(0);
    expect(stream.joinable).toBe(true);
    await two.return();
    expect(source.returned()).toBe(1);
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(stream.joinable).toBe(false);
  });

  it("turns a resolution's failure into the error result for that event and goes on", async () => {
    const source = upstream();
    const stream = new SharedStream(
      source.channel,
      (raw) => ((raw.data as { n: number }).n === 2 ? Promise.reject(new Error('memory is down')) : Promise.resolve(raw)),
      (error) => ({ errors: [{ message: (error as Error).message }] as never }),
      () => undefined,
    );
    const seen = collect(stream.join());
    source.channel.push(event(1));
    source.channel.push(event(2));
    source.channel.push(event(3));
    source.channel.end();
    expect(await seen).toEqual([1, 'memory is down', 3]);
  });

  it('ends every subscriber with the given result when terminated (a schema reload), and closes the upstream', async () => {
    const source = upstream();
    const stream = new SharedStream(
      source.channel,
      (raw) => Promise.resolve(raw),
      () => ({}),
      () => undefined,
    );
    const seen = collect(stream.join());
    source.channel.push(event(1));
    await settled();
    stream.terminate({ errors: [{ message: 'SCHEMA_RELOADED' }] as never });
    expect(await seen).toEqual([1, 'SCHEMA_RELOADED']);
    expect(source.returned()).toBe(1);
  });
});
