import { createSectionCache } from './section-cache';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createSectionCache', () => {
  it('shares one computation among waiting requests and serves it while fresh', async () => {
    let now = 0;
    let computed = 0;
    const cache = createSectionCache<number>({ freshMs: 5000, staleMs: 60_000 }, () => now);
    const compute = () => Promise.resolve(++computed);
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    now = 4999;
    expect(await cache.get('a', compute)).toBe(1);
    expect(await cache.get('b', compute)).toBe(2);
  });

  it('serves a stale answer at once while it is recomputed, then the new one', async () => {
    let now = 0;
    let computed = 0;
    const cache = createSectionCache<number>({ freshMs: 5000, staleMs: 60_000 }, () => now);
    const compute = () => Promise.resolve(++computed);
    await cache.get('a', compute);
    now = 5000;
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    await settle();
    expect(computed).toBe(2);
    expect(await cache.get('a', compute)).toBe(2);
  });

  it('waits for a new computation once the answer is older than the stale limit', async () => {
    let now = 0;
    let computed = 0;
    const cache = createSectionCache<number>({ freshMs: 5000, staleMs: 60_000 }, () => now);
    const compute = () => Promise.resolve(++computed);
    await cache.get('a', compute);
    now = 60_000;
    expect(await cache.get('a', compute)).toBe(2);
  });

  it('does not keep a failed computation, and keeps the old answer when a refresh fails', async () => {
    let now = 0;
    const cache = createSectionCache<number>({ freshMs: 5000, staleMs: 60_000 }, () => now);
    await expect(cache.get('a', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('a', () => Promise.resolve(7))).toBe(7);
    now = 6000;
    expect(await cache.get('a', () => Promise.reject(new Error('store down')))).toBe(7);
    await settle();
    expect(await cache.get('a', () => Promise.resolve(8))).toBe(7);
    await settle();
    expect(await cache.get('a', () => Promise.resolve(9))).toBe(8);
  });
});
