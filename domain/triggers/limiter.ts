/** Runs at most `limit` calls at a time; see {@link createLimiter}. */
export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * A counting semaphore over async calls, first come first served. The dispatcher gives the run starts
 * and the dispatch marks one each: both land on a store that writes one thing at a time, where more
 * concurrency only adds lock contention.
 *
 * @example
 * const marks = createLimiter(2);
 * await marks(() => markVersionsDispatched(db, versionIds));
 */
export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next === undefined) active -= 1;
      else next();
    }
  };
}
