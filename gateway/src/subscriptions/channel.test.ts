import { Channel } from './channel';

async function take<T>(channel: Channel<T>, count: number): Promise<T[]> {
  const values: T[] = [];
  for (let index = 0; index < count; index += 1) {
    const result = await channel.next();
    if (result.done) break;
    values.push(result.value);
  }
  return values;
}

describe('the push/pull channel', () => {
  it('hands values to a waiting consumer at once, and queues them in order while nobody pulls', async () => {
    const channel = new Channel<number>();
    const waiting = channel.next();
    channel.push(1);
    expect(await waiting).toEqual({ value: 1, done: false });
    channel.push(2);
    channel.push(3);
    expect(channel.size).toBe(2);
    expect(await take(channel, 2)).toEqual([2, 3]);
  });

  it('delivers what is queued before the end, then ends, and ignores pushes after it', async () => {
    const channel = new Channel<string>();
    channel.push('a');
    channel.end();
    channel.push('late');
    expect(await channel.next()).toEqual({ value: 'a', done: false });
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a consumer already waiting when it is ended empty', async () => {
    const channel = new Channel<number>();
    const waiting = channel.next();
    channel.end();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('drops the queue and calls its onReturn once when the consumer returns', async () => {
    const returned = jest.fn();
    const channel = new Channel<number>(returned);
    channel.push(1);
    await channel.return();
    await channel.return();
    expect(returned).toHaveBeenCalledTimes(1);
    expect(channel.size).toBe(0);
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  it('is iterable with for await', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.push(2);
    channel.end();
    const seen: number[] = [];
    for await (const value of channel) seen.push(value);
    expect(seen).toEqual([1, 2]);
  });
});
