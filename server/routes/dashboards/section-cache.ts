/**
 * Keeps each computed answer and serves it while it is younger than `freshMs`. An older answer, up
 * to `staleMs`, is still served at once while one recomputation runs in the background
 * (stale-while-revalidate), so a request waits for the store only when a key was not asked for in
 * `staleMs`: on a large store a section's aggregations take longer than a page should wait. Requests
 * that arrive during a computation share it; a failed computation is not kept.
 *
 * @example
 * const cache = createSectionCache<SectionView>({ freshMs: 5000, staleMs: 60_000 }, () => Date.now());
 * await cache.get('finance:EUR', () => computeSection('finance', context));
 */
export function createSectionCache<T>(ages: { freshMs: number; staleMs: number }, clock: () => number) {
  const entries = new Map<string, { at: number; value: Promise<T>; refreshing: boolean }>();

  function compute(key: string, fn: () => Promise<T>, at: number): Promise<T> {
    const value = fn();
    const previous = entries.get(key);
    value.then(
      () => entries.set(key, { at, value, refreshing: false }),
      () => {
        const current = entries.get(key);
        if (current === undefined || current.value === value) entries.delete(key);
        else current.refreshing = false;
      },
    );
    // A first computation is shared by the requests that wait for it; a refresh keeps the old answer.
    if (previous === undefined) entries.set(key, { at, value, refreshing: true });
    return value;
  }

  return {
    get(key: string, fn: () => Promise<T>): Promise<T> {
      const now = clock();
      for (const [other, entry] of entries) {
        if (now - entry.at >= ages.staleMs && !entry.refreshing) entries.delete(other);
      }
      const hit = entries.get(key);
      if (hit === undefined) return compute(key, fn, now);
      if (now - hit.at >= ages.freshMs && !hit.refreshing) {
        hit.refreshing = true;
        void compute(key, fn, now).catch(() => undefined);
      }
      return hit.value;
    },
  };
}
