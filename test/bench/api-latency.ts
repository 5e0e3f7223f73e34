import type { RequestHandler } from 'express';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

export interface LatencyTarget {
  name: string;
  path: string;
  body: () => unknown;
}

/**
 * Open-loop load at a fixed rate: a request leaves every 1000/rate ms whether or not earlier
 * ones returned, so a slow server shows up as latency rather than as a lower rate. The targets
 * are interleaved so both see the same machine noise.
 */
export async function measureFixedRate(
  baseUrl: string,
  targets: LatencyTarget[],
  options: { rate: number; requestsPerTarget: number; headers: Record<string, string> },
): Promise<Map<string, { latencies: number[]; statuses: Map<number, number> }>> {
  const results = new Map(
    targets.map((t) => [t.name, { latencies: [] as number[], statuses: new Map<number, number>() }]),
  );
  const interval = 1000 / options.rate;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < options.requestsPerTarget * targets.length; i++) {
    const target = targets[i % targets.length]!;
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const sent = performance.now();
        const response = await fetch(`${baseUrl}${target.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(target.body()),
        });
        await response.arrayBuffer();
        const result = results.get(target.name)!;
        result.latencies.push(performance.now() - sent);
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
      })(),
    );
  }
  await Promise.all(pending);
  return results;
}

/** The baseline: a bare Express JSON route on the same server, doing no I/O. */
export const bareRoute: RequestHandler = (req, res) => {
  res.status(201).json({ ok: true, received: Object.keys(req.body as object).length });
};

export function latencyRows(
  section: string,
  figure: string,
  measured: { latencies: number[]; statuses: Map<number, number> },
  baseline: { latencies: number[] },
  rate: number,
): BenchRow[] {
  const statuses = [...measured.statuses.entries()].map(([s, n]) => `${n}×${s}`).join(', ');
  return (['p50', 'p99'] as const).map((p) => {
    const q = p === 'p50' ? 50 : 99;
    const value = percentile(measured.latencies, q);
    const base = percentile(baseline.latencies, q);
    return {
      section,
      figure: `${figure} ${p} at ${rate} req/s`,
      value: round(value),
      unit: 'ms',
      baseline: round(base),
      ratio: ratio(value, base),
      note: `${measured.latencies.length} requests (${statuses}); baseline: bare Express route`,
    };
  });
}
