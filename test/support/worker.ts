import type { Db } from 'mongodb';
import { NativeConnection, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ActivityDeps } from '../../worker/activities';
import { createWorker } from '../../worker/create-worker';
import { loadWorkflowBundle } from '../../worker/workflow-bundle';

/** Where a worker polls and what its activities write to. */
export interface WorkerTarget {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** Extra activity settings (`http.request` allowlist, SMTP); none unless given. */
  activityOptions?: Omit<ActivityDeps, 'db'>;
  /** Another workflow bundle than the platform's (the benchmark's baselines). */
  bundle?: WorkflowBundleWithSourceMap;
}

/** A worker as `worker/main.ts` builds it, on its own connection, not yet running. */
async function buildWorker(target: WorkerTarget): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: target.temporalAddress });
  try {
    const worker = await createWorker({
      connection,
      namespace: target.namespace,
      taskQueue: target.taskQueue,
      db: target.db,
      bundle: target.bundle ?? (await loadWorkflowBundle()),
      ...(target.activityOptions === undefined ? {} : { activityOptions: target.activityOptions }),
    });
    return { worker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * Runs a worker in this process on `target`'s task queue until `fn` settles, and returns what `fn`
 * returns.
 *
 * @example
 * const output = await withWorkerOn(services, () => handle.result());
 */
export async function withWorkerOn<T>(target: WorkerTarget, fn: (worker: Worker) => Promise<T>): Promise<T> {
  const { worker, connection } = await buildWorker(target);
  try {
    return await worker.runUntil(fn(worker));
  } finally {
    await connection.close();
  }
}

/** Runs a worker in this process on `target`'s task queue until `stop()`, e.g. to take over from a killed one. */
export async function startWorkerOn(target: WorkerTarget): Promise<{ stop(): Promise<void> }> {
  const { worker, connection } = await buildWorker(target);
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
