import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { appWorkflows, loadWorkflowBundle, type WorkflowSources } from '../../worker/workflow-bundle';
import { withWorkerOn } from '../support/worker';

/** The benchmark's own workflow bundle: the platform's workflows and the hand-written baselines. */
export const benchWorkflows: WorkflowSources = {
  entry: path.join(__dirname, 'workflows', 'index.ts'),
  dirs: [...appWorkflows.dirs, 'test/bench/workflows'],
};

/** A Temporal client and a task queue of one benchmark section's own, in the `default` namespace. */
export interface BenchTemporal {
  /** The section's database, where the worker's activities write. */
  db: Db;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  /** Runs a worker (as `worker/main.ts` builds it, on `db`) on the task queue until `fn` settles. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Connects a benchmark section to the bench's embedded Temporal server, with a fresh task queue
 * named after the section so no other section's runs reach its worker.
 *
 * @example
 * const bench = await connectBenchTemporal(db, temporalAddress, 'bench-tasks');
 * try { return await bench.withWorker(measure); } finally { await bench.close(); }
 */
export async function connectBenchTemporal(
  db: Db,
  temporalAddress: string,
  section: string,
): Promise<BenchTemporal> {
  const namespace = 'default';
  const taskQueue = `${section}-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: temporalAddress });
  return {
    db,
    temporal: new Client({ connection, namespace }),
    namespace,
    taskQueue,
    withWorker: async (fn) =>
      withWorkerOn(
        {
          temporalAddress,
          namespace,
          taskQueue,
          db,
          bundle: await loadWorkflowBundle({ sources: benchWorkflows }),
        },
        fn,
      ),
    close: () => connection.close(),
  };
}
