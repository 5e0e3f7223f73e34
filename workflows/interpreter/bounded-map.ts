/**
 * Maps items through an async function with at most `limit` calls in flight, starting them in
 * item order and collecting results in item order. Rejects with the first failure and starts no
 * more items after it; calls already in flight are abandoned (their outcomes are ignored).
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(items.length);
    let nextIndex = 0;
    let settled = 0;
    let failed = false;
    if (items.length === 0) {
      resolve(results);
      return;
    }
    const launch = (): void => {
      const index = nextIndex;
      nextIndex += 1;
      Promise.resolve()
        .then(() => map(items[index] as T, index))
        .then(
          (value) => {
            if (failed) return;
            results[index] = value;
            settled += 1;
            if (settled === items.length) resolve(results);
            else if (nextIndex < items.length) launch();
          },
          (error: unknown) => {
            if (failed) return;
            failed = true;
            // Passed on as is: the caller tells RunFailures and cancellations apart by their type.
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
            reject(error);
          },
        );
    };
    for (let started = 0; started < Math.min(limit, items.length); started += 1) launch();
  });
}
