import { isTransientStoreError, withStoreRetry } from './store-retry';

describe('isTransientStoreError', () => {
  it.each([
    [{ code: 1, message: 'database is locked (5) (SQLITE_BUSY)' }, true],
    [{ name: 'MongoNetworkError', message: 'connection 4 to 127.0.0.1:27017 closed' }, true],
    [{ name: 'MongoServerSelectionError', message: 'Server selection timed out' }, true],
    [{ name: 'MongoWaitQueueTimeoutError', message: 'Timed out while checking out a connection' }, true],
    [{ code: 112, message: 'WriteConflict' }, true],
    [{ code: 6, errorLabels: ['RetryableWriteError'], message: 'host unreachable' }, true],
    [{ message: 'read ECONNRESET' }, true],
    [{ code: 11000, message: 'E11000 duplicate key error' }, false],
    [{ code: 2, message: 'bad query' }, false],
    [new Error('account a1 does not exist'), false],
    ['SQLITE_BUSY', false],
  ])('%j → %s', (error, transient) => {
    expect(isTransientStoreError(error)).toBe(transient);
  });
});

describe('withStoreRetry', () => {
  const busy = Object.assign(new Error('database is locked (SQLITE_BUSY)'), { code: 1 });

  it('retries transient errors until the call succeeds', async () => {
    let calls = 0;
    const result = await withStoreRetry(
      () => {
        calls += 1;
        return calls < 4 ? Promise.reject(busy) : Promise.resolve('done');
      },
      { deadline: Date.now() + 30_000 },
    );
    expect([result, calls]).toEqual(['done', 4]);
  });

  it('throws other errors at once', async () => {
    let calls = 0;
    const refused = new Error('invalid account');
    await expect(
      withStoreRetry(
        () => {
          calls += 1;
          return Promise.reject(refused);
        },
        { deadline: Date.now() + 30_000 },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up on a transient error at the deadline', async () => {
    await expect(withStoreRetry(() => Promise.reject(busy), { deadline: Date.now() + 50 })).rejects.toBe(
      busy,
    );
  });
});
