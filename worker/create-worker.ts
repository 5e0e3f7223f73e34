import type { Db } from 'mongodb';
import { Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { checkActivityNames } from './activities/activity-check';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  bundle: WorkflowBundleWithSourceMap;
  /** `http.request` allowlist, SMTP settings: see ActivityDeps. */
  activityOptions?: Omit<ActivityDeps, 'db'>;
  /** Concurrent activity executions; the default suits a 2-core machine. */
  maxConcurrentActivities?: number;
}

/**
 * Builds a worker from its dependencies. `worker/main.ts` runs it; integration tests run one
 * in-process against the same dev server and store.
 */
export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  const activities = createActivities({ ...deps.activityOptions, db: deps.db });
  checkActivityNames(Object.keys(activities));
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowBundle: deps.bundle,
    activities,
    maxConcurrentActivityTaskExecutions: deps.maxConcurrentActivities ?? 100,
  });
}
