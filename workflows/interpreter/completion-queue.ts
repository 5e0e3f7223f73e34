/**
 * Completions of concurrently running node visits, taken one at a time in the order they
 * happened. Cheaper than `Promise.race` over everything in flight after each completion, and
 * just as deterministic under Temporal, which resolves promises in history order.
 */
export class CompletionQueue<T> {
  private readonly ready: T[] = [];
  private waiter: ((item: T) => void) | undefined;

  push(item: T): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(item);
    } else {
      this.ready.push(item);
    }
  }

  /** The next completion; only one caller may wait at a time. */
  next(): Promise<T> {
    if (this.ready.length > 0) return Promise.resolve(this.ready.shift() as T);
    return new Promise<T>((resolve) => {
      this.waiter = resolve;
    });
  }
}
