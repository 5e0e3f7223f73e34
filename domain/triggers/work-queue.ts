/** A keyed work queue; see {@link createWorkQueue}. */
export interface WorkQueue {
  /** Runs `key` soon; resolves once a run of it that began after this call has finished. */
  push(key: string): Promise<void>;
  /** Resolves when nothing is queued or running. */
  drain(): Promise<void>;
}

interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
}

/**
 * Runs `work(key)` for pushed keys, at most `concurrency` at a time and never two runs of one key
 * at once. Pushing a key that is already waiting joins that run; pushing a key that is running
 * queues one more run after it, because whatever the push announces (a new write) may have come
 * too late for the running one to see.
 *
 * @example
 * const queue = createWorkQueue(8, (key) => dispatchRecord(ctx, ...split(key)));
 * void queue.push('quote/42');
 */
export function createWorkQueue(concurrency: number, work: (key: string) => Promise<void>): WorkQueue {
  const waiting = new Map<string, Waiting>();
  const order: string[] = [];
  const running = new Set<string>();
  let idle: Waiting | undefined;

  function pump(): void {
    while (running.size < concurrency) {
      const index = order.findIndex((key) => !running.has(key));
      if (index < 0) break;
      const [key] = order.splice(index, 1) as [string];
      const slot = waiting.get(key) as Waiting;
      waiting.delete(key);
      running.add(key);
      void work(key)
        .catch(() => undefined)
        .finally(() => {
          running.delete(key);
          slot.resolve();
          pump();
        });
    }
    if (running.size === 0 && order.length === 0 && idle !== undefined) {
      idle.resolve();
      idle = undefined;
    }
  }

  return {
    push(key) {
      const existing = waiting.get(key);
      if (existing !== undefined) return existing.promise;
      const slot = deferred();
      waiting.set(key, slot);
      order.push(key);
      pump();
      return slot.promise;
    },
    drain() {
      if (running.size === 0 && order.length === 0) return Promise.resolve();
      idle ??= deferred();
      return idle.promise;
    },
  };
}

function deferred(): Waiting {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
