import { createSectionCache } from './section-cache';

describe('createSectionCache', () => {
  it('answers from one computation until the time to live passes', async () => {
    let now = 0;
    let computed = 0;
    const cache = createSectionCache<number>(5000, () => now);
    const compute = () => Promise.resolve(++computed);
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    now = 4999;
    expect(await cache.get('a', compute)).toBe(1);
    expect(await cache.get('b', compute)).toBe(2);
    now = 5000;
    expect(await cache.get('a', compute)).toBe(3);
  });

  it('does not keep a failed computation', async () => {
    const cache = createSectionCache<number>(5000, () => 0);
    await expect(cache.get('a', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('a', () => Promise.resolve(7))).toBe(7);
  });
});
