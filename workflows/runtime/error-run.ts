/**
 * The contract of error runs: a workflow's `settings.errorWorkflowId` names a workflow that is
 * started once for each of its failed runs. The worker starts it; the API and tests find it by
 * its id.
 */

/** The `$input` of an error run: what failed, where, why, and with what input. */
export interface FailedRunReport {
  runId: string;
  workflowId: string;
  version: number;
  /** The node that failed; null when the failure was not a node's (an engine error). */
  nodeId: string | null;
  error: { message: string; code: string };
  /** The failed run's own `$input`. */
  input: unknown;
}

/** The `$trigger` of an error run. */
export interface ErrorTrigger {
  event: 'error';
  failedRunId: string;
}

/**
 * The workflow id of the error run of `runId`: fixed, so Temporal starts it at most once however
 * often the failing workflow task is retried or replayed.
 *
 * @example
 * errorRunId('run-1'); // 'error:run-1'
 */
export function errorRunId(runId: string): string {
  return `error:${runId}`;
}

/**
 * Whether a run with this trigger and settings starts an error run when it fails. An error run
 * never does, so a failing error workflow cannot start itself, or a chain of others, forever.
 */
export function reportsFailures(trigger: unknown, errorWorkflowId: string | undefined): boolean {
  if (errorWorkflowId === undefined) return false;
  return (trigger as { event?: unknown } | null | undefined)?.event !== 'error';
}
