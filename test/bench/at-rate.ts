/**
 * Open-loop pacing: calls `fn` `count` times, one call every 1000/rate ms whether or not earlier
 * ones returned, so a slow server shows up as latency rather than as a lower rate. Resolves with
 * every call's result, in call order.
 *
 * @example
 * const latencies = await atRate(50, 500, async () => timeOneRequest());
 */
export async function atRate<T>(rate: number, count: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const started = performance.now();
  const calls: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    calls.push(fn(i));
  }
  return Promise.all(calls);
}
