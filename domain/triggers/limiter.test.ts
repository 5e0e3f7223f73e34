import { createLimiter } from './limiter';

describe('createLimiter', () => {
  it('runs at most `limit` calls at once, in arrival order', async () => {
    const limit = createLimiter(2);
    const log: string[] = [];
    let active = 0;
    let most = 0;
    const call = (name: string, ms: number) =>
      limit(async () => {
        active += 1;
        most = Math.max(most, active);
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        active -= 1;
        return name;
      });
    const results = await Promise.all([call('a', 30), call('b', 5), call('c', 5), call('d', 5)]);
    expect(results).toEqual(['a', 'b', 'c', 'd']);
    expect(most).toBe(2);
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('frees its slot when a call fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(() => Promise.resolve(42))).toBe(42);
  });
});
