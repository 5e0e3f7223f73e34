import type { Db } from 'mongodb';
import {
  Worker,
  type NativeConnection,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { checkActivityNames } from './activities/activity-check';
import { runWorkflowType } from '../workflows/runtime/run-contract';
import { runFailureErrorTypes } from './workflows/run-failure-types';

export { runFailureErrorTypes } from './workflows/run-failure-types';

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
  const options: WorkerOptions & { isolateExecutionTimeout: string } = {
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowBundle: deps.bundle,
    activities,
    maxConcurrentActivityTaskExecutions: deps.maxConcurrentActivities ?? 100,
    // When an activation outruns this, V8 terminates it mid-promise, which corrupts Node's async hook
    // stack and aborts the whole process. Expression work is bounded and paced by count instead
    // (workflowExpressionLimits, `pace`), so this only has to be far out of reach.
    isolateExecutionTimeout: '10 minutes',
    // A bug or an exhausted limit that throws inside a run fails that run, with its message and
    // trace, instead of failing its workflow task over and over. Non-determinism is left out: it
    // means a deploy went wrong, and the task must wait for a worker with the right code.
    workflowFailureErrorTypes: { '*': [], [runWorkflowType]: [...runFailureErrorTypes] },
  };
  // The SDK reads isolateExecutionTimeout from the options but leaves it out of their type.
  return Worker.create(options);
}
