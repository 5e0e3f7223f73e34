/**
 * Keeps each computed answer for `ttlMs`, and shares one computation among the requests that
 * arrive while it runs, so a busy landing page costs the store one set of aggregations per key and
 * period. A failed computation is not kept.
 *
 * @example
 * const cache = createSectionCache<SectionView>(5000, () => Date.now());
 * await cache.get('finance:EUR', () => computeSection('finance', context));
 */
export function createSectionCache<T>(ttlMs: number, clock: () => number) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, compute: () => Promise<T>): Promise<T> {
      const now = clock();
      const hit = entries.get(key);
      if (hit !== undefined && now - hit.at < ttlMs) return hit.value;
      for (const [other, entry] of entries) if (now - entry.at >= ttlMs) entries.delete(other);
      const value = compute();
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
