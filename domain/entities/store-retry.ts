/**
 * Whether a store error is transient: the same operation may well succeed a moment later. These are
 * FerretDB's `database is locked (SQLITE_BUSY)`, dropped or reset connections, server selection
 * timeouts, an exhausted connection pool, and MongoDB's write conflicts and retryable-write labels.
 * A duplicate key, a validation error or a bad query is never transient.
 */
export function isTransientStoreError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, code, errorLabels } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    errorLabels?: unknown;
  };
  if (code === 11000) return false;
  if (code === 112 || code === 91 || code === 189 || code === 11600 || code === 11602) return true;
  if (
    Array.isArray(errorLabels) &&
    errorLabels.some((l) => l === 'RetryableWriteError' || l === 'TransientTransactionError')
  )
    return true;
  if (
    typeof name === 'string' &&
    /^Mongo(Network|NetworkTimeout|ServerSelection|WaitQueueTimeout|PoolCleared|ServerClosed)Error$/.test(
      name,
    )
  )
    return true;
  return (
    typeof message === 'string' &&
    /SQLITE_BUSY|database is locked|ECONNRESET|EPIPE|connection .* (closed|reset)/i.test(message)
  );
}

/** A jittered pause before retry `attempt` (0-based): full jitter over an exponential cap, at most `capMs`. */
export function jitteredDelay(attempt: number, capMs = 2_000): number {
  return Math.random() * Math.min(capMs, 25 * 2 ** attempt);
}

/** A short random pause before retrying a lost race, so racing writers spread out. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 + attempt, 20)));
}

/**
 * Runs `fn`, retrying transient store errors (see {@link isTransientStoreError}) with jittered
 * exponential backoff until `deadline` (epoch ms); other errors and the last transient one are
 * thrown. `fn` must be safe to repeat: entity writes are, through their idempotency keys and the
 * version log's unique keys.
 *
 * @example
 * await withStoreRetry(() => repo.update('account', id, patch, {}, ctx), { deadline: Date.now() + 50_000 });
 */
export async function withStoreRetry<T>(
  fn: () => Promise<T>,
  options: { deadline: number; onRetry?: (error: unknown, attempt: number) => void },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error: unknown) {
      const wait = jitteredDelay(attempt);
      if (!isTransientStoreError(error) || Date.now() + wait >= options.deadline) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
