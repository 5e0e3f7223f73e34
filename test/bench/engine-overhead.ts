import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createEntityRepository } from '../../domain/entities';
import { seedDemoCompany } from '../../server/seed/seed';
import { runWorkflowType, type RunInput } from '../../workflows/runtime/run-contract';
import { connectBenchTemporal } from './bench-temporal';
import tenStep from './fixtures/ten-step.json';
import type { BenchRow } from './report';
import { median, ratio, round } from './stats';

/**
 * The same 10-step workflow run from JSON by the interpreter and hand-written with the Temporal
 * SDK, on one worker and one server: end-to-end time of runs one at a time (interleaved), and
 * completed runs per second when each starts a batch at once (batches alternate).
 */
export async function measureEngineOverhead(
  db: Db,
  temporalAddress: string,
  options: { runs: number; batch: number },
): Promise<BenchRow[]> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  await seedDemoCompany(createEntityRepository(db));
  const bench = await connectBenchTemporal(db, temporalAddress, 'bench-engine');
  const { temporal: client, taskQueue } = bench;
  const input = { limit: 5 };
  const jsonRun = () => {
    const runInput: RunInput = {
      workflowId: 'bench',
      version: 1,
      definition: tenStep,
      startNodeId: 'start',
      trigger: {},
      input,
      startedAt: new Date().toISOString(),
      authority: { userId: 'bench', roles: ['admin'] },
    };
    return client.workflow.execute(runWorkflowType, {
      taskQueue,
      workflowId: `bench-json-${randomUUID()}`,
      args: [runInput],
    });
  };
  const handRun = () =>
    client.workflow.execute('handwrittenBenchWorkflow', {
      taskQueue,
      workflowId: `bench-hand-${randomUUID()}`,
      args: [input],
    });
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  try {
    return await bench.withWorker(async () => {
      // Same answer from both, or the comparison means nothing.
      const [fromJson, byHand] = await Promise.all([jsonRun(), handRun()]);
      if (JSON.stringify(fromJson) !== JSON.stringify(byHand)) {
        throw new Error(`outputs differ: ${JSON.stringify(fromJson)} vs ${JSON.stringify(byHand)}`);
      }
      for (let i = 0; i < 10; i++) await Promise.all([timed(jsonRun), timed(handRun)]); // warm-up
      const json: number[] = [];
      const hand: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        json.push(await timed(jsonRun));
        hand.push(await timed(handRun));
      }
      const rate = { json: [] as number[], hand: [] as number[] };
      for (let round = 0; round < Math.ceil(options.runs / options.batch); round++) {
        for (const [name, run] of [
          ['json', jsonRun],
          ['hand', handRun],
        ] as const) {
          const started = performance.now();
          await Promise.all(Array.from({ length: options.batch }, () => run()));
          rate[name].push(options.batch / ((performance.now() - started) / 1000));
        }
      }
      const jsonRate = median(rate.json);
      const handRate = median(rate.hand);
      return [
        {
          section: 'engine',
          figure: `10-step run end to end, median of ${options.runs} (JSON vs hand-written)`,
          value: round(median(json)),
          unit: 'ms',
          baseline: round(median(hand)),
          ratio: ratio(median(json), median(hand)),
          note: 'runs one at a time, interleaved; baseline: the same workflow with the Temporal SDK',
        },
        {
          section: 'engine',
          figure: `completed runs per second, batches of ${options.batch} (JSON vs hand-written)`,
          value: round(jsonRate, 1),
          unit: 'runs/s',
          baseline: round(handRate, 1),
          ratio: ratio(jsonRate, handRate),
          note: `median of ${rate.json.length} alternating batches each`,
        },
      ];
    });
  } finally {
    await bench.close();
  }
}
