import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

/** Answers true once the workflow waits for its update, so the benchmark times only the update. */
export const benchWaitingQuery = defineQuery<boolean>('benchWaiting');
/** The update the benchmark times; it resolves with what it was sent. */
export const benchGoUpdate = defineUpdate<string, [string]>('benchGo');

/**
 * The baseline of the task-completion benchmark (test/bench/task-latency.ts): the least a workflow
 * can do to be told a decision, one Temporal update to a workflow that waits for it and then ends.
 */
export async function updateBaselineWorkflow(): Promise<string> {
  let decision: string | undefined;
  setHandler(benchWaitingQuery, () => true);
  setHandler(benchGoUpdate, (value) => {
    decision = value;
    return value;
  });
  await condition(() => decision !== undefined);
  return decision as string;
}
