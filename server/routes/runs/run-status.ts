import type { WorkflowExecutionStatusName } from '@temporalio/client';

import { runStatuses, type RunStatus } from '../../../schemas/vocabulary';

export { runStatuses, type RunStatus };

const fromTemporal: Record<WorkflowExecutionStatusName, RunStatus | 'unknown'> = {
  RUNNING: 'running',
  // A paused execution is still open; it resumes where it stopped.
  PAUSED: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timedOut',
  CONTINUED_AS_NEW: 'continuedAsNew',
  UNSPECIFIED: 'unknown',
  UNKNOWN: 'unknown',
};

/** The visibility store's `ExecutionStatus` values. */
const visibilityName: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Canceled',
  terminated: 'Terminated',
  timedOut: 'TimedOut',
  continuedAsNew: 'ContinuedAsNew',
};

/** The API status of a Temporal execution status. */
export function runStatusOf(name: WorkflowExecutionStatusName): RunStatus | 'unknown' {
  return fromTemporal[name];
}

export function isRunStatus(value: string): value is RunStatus {
  return (runStatuses as readonly string[]).includes(value);
}

/** The visibility query clause that selects runs with `status`. */
export function statusClause(status: RunStatus): string {
  return `ExecutionStatus = "${visibilityName[status]}"`;
}

/** The API status of a visibility `ExecutionStatus` value, as a count grouped by status names it. */
export function runStatusOfVisibility(name: string): RunStatus | undefined {
  return runStatuses.find((status) => visibilityName[status] === name);
}
