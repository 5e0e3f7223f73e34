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

/**
 * Polls `read` until its value equals `expected` (compared as JSON), then asserts it with
 * `toEqual`, so a value that never arrives fails showing the difference: for screens that render
 * asynchronously. Gives up after `timeoutMs`.
 *
 * @example
 * await eventuallyEqual(() => page.getByTestId('draft-state').textContent(), 'Saved (revision 2)');
 */
export async function eventuallyEqual<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  expect(value).toEqual(expected);
}
