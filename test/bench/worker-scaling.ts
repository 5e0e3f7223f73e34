import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { createEntityRepository } from '../../domain/entities';
import { seedDemoCompany } from '../../server/seed/seed';
import { runWorkflowType, type RunInput } from '../../workflows/runtime/run-contract';
import { appEnv, startApp } from '../support/app-process';
import { connectBenchTemporal } from './bench-temporal';
import tenStep from './fixtures/ten-step.json';
import type { BenchRow } from './report';
import { median, ratio, round } from './stats';

/**
 * Completed runs per second of the 10-step workflow with 1 worker process against 3, each a
 * `worker/main.ts` of its own as compose runs them, on the same Temporal server, store and load:
 * `batch` runs started at once, `rounds` times per worker count, alternating.
 */
export async function measureWorkerScaling(
  db: Db,
  services: { mongoUrl: string; temporalAddress: string },
  options: { batch: number; rounds: number },
): Promise<BenchRow[]> {
  await seedDemoCompany(createEntityRepository(db));
  const bench = await connectBenchTemporal(db, services.temporalAddress, 'bench-scaling');
  const target = { ...services, namespace: bench.namespace, taskQueue: bench.taskQueue, db };
  const env = appEnv(target, { TRIGGER_DISPATCHER: 'false' });
  const run = () => {
    const input: RunInput = {
      workflowId: 'bench',
      version: 1,
      definition: tenStep,
      startNodeId: 'start',
      trigger: {},
      input: { limit: 5 },
      startedAt: new Date().toISOString(),
      authority: { userId: 'bench', roles: ['admin'] },
    };
    return bench.temporal.workflow.execute(runWorkflowType, {
      taskQueue: bench.taskQueue,
      workflowId: `bench-scaling-${randomUUID()}`,
      args: [input],
    });
  };
  const batchRate = async () => {
    const started = performance.now();
    await Promise.all(Array.from({ length: options.batch }, run));
    return options.batch / ((performance.now() - started) / 1000);
  };
  const workers = [await startApp('worker', env)];
  const rates = { one: [] as number[], three: [] as number[] };
  try {
    await batchRate(); // warm-up
    for (let round = 0; round < options.rounds; round++) {
      rates.one.push(await batchRate());
      workers.push(await startApp('worker', env), await startApp('worker', env));
      rates.three.push(await batchRate());
      await Promise.all(workers.splice(1).map((worker) => worker.stop()));
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await bench.close();
  }
  const one = median(rates.one);
  const three = median(rates.three);
  const note = `batches of ${options.batch} runs started at once, median of ${options.rounds} rounds`;
  return [
    {
      section: 'scale-out',
      figure: 'completed runs/s, 10-step workflow, 3 worker processes',
      value: round(three),
      unit: 'runs/s',
      baseline: round(one),
      ratio: ratio(three, one),
      note: `baseline: 1 worker process; ${note}`,
    },
  ];
}
