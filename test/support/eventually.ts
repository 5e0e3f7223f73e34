/**
 * Polls `check` until it returns a value other than undefined and returns that value: the real
 * services answer eventually (visibility, workers, the dispatcher), so tests wait on a condition,
 * never on a fixed sleep. Throws once `timeoutMs` has passed.
 *
 * @example
 * const task = await eventually(async () => (await tasks.findOne({ runId })) ?? undefined);
 */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
