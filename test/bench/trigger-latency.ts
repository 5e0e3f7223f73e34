import { readVersion } from '../../domain/entities/version-log';
import type { Db } from 'mongodb';
import type { Client } from '@temporalio/client';
import { triggerRunId } from '../../domain/triggers';
import { createWorkflowStore, startRun } from '../../domain/workflows';
import { apiAs, bearer, logIn } from '../support/api-client';
import { serveApi } from '../support/api-server';
import { eventually } from '../support/eventually';
import { startDispatcher } from '../support/trigger-dispatcher';
import { atRate } from './at-rate';
import { connectBenchTemporal } from './bench-temporal';
import type { BenchRow } from './report';
import { percentile, ratio, round } from './stats';

/**
 * Trigger latency: from an entity create acknowledged by the full API (HTTP 201, real
 * authentication) to the start time of the run its event triggered (Temporal's execution start
 * time), with the dispatcher in the API server's process as `npm start` runs it. The baseline, in
 * the same run at the same rate: a direct `startRun` of the same version, from the call to the same
 * start time. Writes and starts leave at a fixed rate (open loop); the entity is a supplier, the
 * cheapest type to create (no references, numbers or unique keys).
 */
export async function measureTriggerLatency(
  db: Db,
  temporalAddress: string,
  options: { rate: number; writes: number },
): Promise<BenchRow[]> {
  const bench = await connectBenchTemporal(db, temporalAddress, 'bench-triggers');
  const { temporal, taskQueue } = bench;
  const admin = { email: 'bench-triggers@example.com', password: 'bench-password-123' };
  const server = await serveApi(bench, { admin });
  const dispatcher = await startDispatcher(bench, { sweepIntervalMs: 2000 });
  try {
    return await bench.withWorker(async () => {
      const token = await logIn(server.url, admin);
      const workflows = createWorkflowStore(db);
      const workflow = await workflows.create(
        {
          name: 'Bench: every new supplier',
          nodes: [
            { id: 'start', type: 'trigger.entity', params: { entityType: 'supplier', events: ['created'] } },
            { id: 'done', type: 'flow.end', params: {} },
          ],
          edges: [{ id: 'e1', source: 'start', target: 'done' }],
        },
        { userId: 'bench' },
      );
      // Through the API, so the dispatcher hears of the publication as it would in production.
      const published = await apiAs(server.url, token)('POST', `/workflows/${workflow._id}/publish`);
      if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
      const version = await workflows.getVersion(workflow._id, 1);

      const write = async (i: number) => {
        const response = await fetch(`${server.url}/api/entities/supplier`, {
          method: 'POST',
          headers: { ...bearer(token), 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Bench ${i}`,
            status: 'active',
            currency: 'EUR',
            paymentTerms: 'net30',
          }),
        });
        const acknowledgedAt = Date.now();
        const body = (await response.json()) as { _id: string };
        if (response.status !== 201) throw new Error(`create answered ${response.status}`);
        const created = await readVersion(db, 'supplier', body._id, 1);
        return { from: acknowledgedAt, runId: triggerRunId(created!.eventId, workflow._id, 'start') };
      };
      const direct = async () => {
        const from = Date.now();
        const runId = await startRun(temporal, {
          version,
          startNodeId: 'start',
          triggerKind: 'bench',
          trigger: {},
          input: {},
          taskQueue,
        });
        return { from, runId };
      };

      await atRate(options.rate, 20, write); // warm-up
      await eventually(() => Promise.resolve(dispatcher.stats().runsStarted >= 20 ? true : undefined));
      const warm = dispatcher.stats();
      const triggered = await atRate(options.rate, options.writes, write);
      const baseline = await atRate(options.rate, options.writes, direct);
      const [triggerLatency, directLatency] = [
        await startLatencies(temporal, triggered),
        await startLatencies(temporal, baseline),
      ];
      // The measured writes' runs only: the warm-up's are left out.
      const after = dispatcher.stats();
      const runsStarted = after.runsStarted - warm.runsStarted;
      const failures = after.failures - warm.failures;
      return (['p50', 'p99'] as const).map((p) => {
        const value = percentile(triggerLatency, p === 'p50' ? 50 : 99);
        const base = percentile(directLatency, p === 'p50' ? 50 : 99);
        return {
          section: 'triggers',
          figure: `trigger latency, entity create acknowledged (201) to run started, ${p} at ${options.rate} writes/s`,
          value: round(value),
          unit: 'ms',
          baseline: round(base),
          ratio: ratio(value, base),
          note: `${triggerLatency.length} supplier creates through the full API, dispatcher in the API process (${runsStarted} runs started, ${failures} failed dispatches retried); baseline: direct startRun at the same rate, call to run started`,
        };
      });
    });
  } finally {
    await dispatcher.stop();
    await server.close();
    await bench.close();
  }
}

/** Milliseconds from each `from` to its run's start time on Temporal, waiting for runs not started yet. */
async function startLatencies(
  temporal: Client,
  samples: ReadonlyArray<{ from: number; runId: string }>,
): Promise<number[]> {
  const latencies: number[] = [];
  for (const { from, runId } of samples) {
    const started = await eventually(
      () =>
        temporal.workflow
          .getHandle(runId)
          .describe()
          .then((description) => description.startTime.getTime())
          .catch(() => undefined),
      120_000,
    );
    latencies.push(started - from);
  }
  return latencies;
}
