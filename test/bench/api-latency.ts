import type { RequestHandler } from 'express';
import { atRate } from './at-rate';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

export interface LatencyTarget {
  name: string;
  /** Default POST. */
  method?: string;
  /** A function gets the request's index among this target's requests. */
  path: string | ((i: number) => string);
  body: () => unknown;
}

/**
 * Open-loop load at a fixed rate (see `atRate`): sends to the targets in turn, interleaved so all
 * see the same machine noise, and the latency and status of each.
 */
export async function measureFixedRate(
  baseUrl: string,
  targets: LatencyTarget[],
  options: { rate: number; requestsPerTarget: number; headers: Record<string, string> },
): Promise<Map<string, { latencies: number[]; statuses: Map<number, number> }>> {
  const results = new Map(
    targets.map((t) => [t.name, { latencies: [] as number[], statuses: new Map<number, number>() }]),
  );
  await atRate(options.rate, options.requestsPerTarget * targets.length, async (i) => {
    const target = targets[i % targets.length]!;
    const path = typeof target.path === 'string' ? target.path : target.path(Math.floor(i / targets.length));
    const sent = performance.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method: target.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(target.body()),
    });
    await response.arrayBuffer();
    const result = results.get(target.name)!;
    result.latencies.push(performance.now() - sent);
    result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
  });
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
