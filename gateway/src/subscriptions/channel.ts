/**
 * A push/pull async iterator: a producer `push`es without waiting, the consumer pulls in order.
 * A slow consumer queues (it never slows the producer or other channels); `return()` from the
 * consumer drops the queue and runs `onReturn` once.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;
  private returned = false;

  constructor(private readonly onReturn: () => void = () => undefined) {}

  get size(): number {
    return this.queue.length;
  }

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value, done: false });
    } else {
      this.queue.push(value);
    }
  }

  /** No more values: the consumer gets what is queued, then the end. */
  end(): void {
    this.ended = true;
    const waiting = this.waiting;
    if (waiting && this.queue.length === 0) {
      this.waiting = null;
      waiting({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end();
    if (!this.returned) {
      this.returned = true;
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
