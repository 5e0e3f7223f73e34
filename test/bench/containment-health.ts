import type { Db } from 'mongodb';
import { createWorkflowStore } from '../../domain/workflows';
import { apiAs, bearer, logIn } from '../support/api-client';
import { serveApi } from '../support/api-server';
import { startDispatcher } from '../support/trigger-dispatcher';
import { atRate } from './at-rate';
import { connectBenchTemporal } from './bench-temporal';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

/** A condition that builds a string until the evaluator's size bound stops it, for every event. */
const poisonCondition = '=($f := function($s,$n){$n=0?$s:$f($s&$s,$n-1)}; $length($f("a",27))) > 0';

/**
 * `/api/health` latency while supplier creates arrive at a fixed rate and every one matches a
 * trigger whose condition trips an evaluator bound; baseline: the same probes with no writes, in
 * the same run. Shows that conditions never hold up the API server's event loop.
 */
export async function measureHealthUnderPoisonConditions(
  db: Db,
  temporalAddress: string,
  options: { rate: number; writes: number },
): Promise<BenchRow[]> {
  const bench = await connectBenchTemporal(db, temporalAddress, 'bench-containment');
  const admin = { email: 'bench-containment@example.com', password: 'bench-password-123' };
  const server = await serveApi(bench, { admin });
  const dispatcher = await startDispatcher(bench, { sweepIntervalMs: 2000 });
  try {
    const token = await logIn(server.url, admin);
    const workflows = createWorkflowStore(db);
    const workflow = await workflows.create(
      {
        name: 'Bench: a condition that hits its limit',
        nodes: [
          {
            id: 'start',
            type: 'trigger.entity',
            params: { entityType: 'supplier', events: ['created'], condition: poisonCondition },
          },
          { id: 'done', type: 'flow.end', params: {} },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'done' }],
      },
      { userId: 'bench' },
    );
    const published = await apiAs(server.url, token)('POST', `/workflows/${workflow._id}/publish`);
    if (published.status !== 200) throw new Error(`publish answered ${published.status}`);

    const probe = async () => {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    const write = async (i: number) => {
      const response = await fetch(`${server.url}/api/entities/supplier`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Poison ${i}`,
          status: 'active',
          currency: 'EUR',
          paymentTerms: 'net30',
        }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`create answered ${response.status}`);
    };

    const probes = Math.round((options.writes / options.rate) * 20);
    const quiet = await atRate(20, probes, probe);
    const [loaded] = await Promise.all([
      atRate(20, probes, probe),
      atRate(options.rate, options.writes, write),
    ]);
    const { conditionErrors } = dispatcher.stats();
    return (['p50', 'p99'] as const).map((p) => {
      const value = percentile(loaded, p === 'p50' ? 50 : 99);
      const base = percentile(quiet, p === 'p50' ? 50 : 99);
      return {
        section: 'containment',
        figure: `/api/health ${p} while ${options.rate} writes/s match a condition that hits its size limit`,
        value: round(value, 1),
        unit: 'ms',
        baseline: round(base, 1),
        ratio: ratio(value, base),
        note: `${loaded.length} probes at 20/s during ${options.writes} supplier creates (${conditionErrors} conditions stopped at their bound by the time the writes ended); baseline: the same probes with no writes`,
      };
    });
  } finally {
    await dispatcher.stop();
    await server.close();
    await bench.close();
  }
}
