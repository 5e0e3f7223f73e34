import type { WorkflowExecutionInfo } from '@temporalio/client';
import { runSearchAttributes } from '../../../domain/workflows';
import { runStatusOf, type RunStatus } from './run-status';

/** One run as the runs list shows it. */
export interface RunSummary {
  runId: string;
  workflowId: string | null;
  version: number | null;
  trigger: string | null;
  status: RunStatus | 'unknown';
  startedAt: string;
  closedAt: string | null;
  /** The workflow name and the record's label; null for runs started before titles existed. */
  title: string | null;
  /** The record the run is about (its trigger's record); null when it has none. */
  record: { entityType: string; entityId: string } | null;
  /** The node a failed run stopped at. */
  failedNode: string | null;
}

/** What the runs list and the incidents view read of one execution from visibility. */
export function runSummary(
  info: Pick<
    WorkflowExecutionInfo,
    'workflowId' | 'typedSearchAttributes' | 'status' | 'startTime' | 'closeTime'
  >,
): RunSummary {
  const attributes = info.typedSearchAttributes;
  const entityType = attributes.get(runSearchAttributes.recordType);
  const entityId = attributes.get(runSearchAttributes.recordId);
  return {
    runId: info.workflowId,
    workflowId: attributes.get(runSearchAttributes.workflowId) ?? null,
    version: attributes.get(runSearchAttributes.version) ?? null,
    trigger: attributes.get(runSearchAttributes.trigger) ?? null,
    status: runStatusOf(info.status.name),
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString() ?? null,
    title: attributes.get(runSearchAttributes.title) ?? null,
    record: entityType !== undefined && entityId !== undefined ? { entityType, entityId } : null,
    failedNode: attributes.get(runSearchAttributes.failedNode) ?? null,
  };
}
