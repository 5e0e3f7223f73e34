import { ParentClosePolicy, proxyActivities, startChild, workflowInfo, log } from '@temporalio/workflow';
import { RunFailure } from '../../workflows/interpreter';
import { errorRunId, type ErrorTrigger, type FailedRunReport } from '../../workflows/runtime/error-run';
import type { RunInput } from '../../workflows/runtime/run-contract';
import { loader, triggerKey, versionKey, workflowIdKey } from './temporal-effects';

const recorder = proxyActivities<{ 'run.recordFailure': (report: FailedRunReport) => Promise<void> }>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10 },
});

/** Records the failure for `/metrics` and the failure digests; a store that stays down loses it, not the run. */
export async function recordFailure(report: FailedRunReport): Promise<void> {
  try {
    await recorder['run.recordFailure'](report);
  } catch (error: unknown) {
    log.warn('the run failure could not be recorded', {
      runId: report.runId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** What a failed run reports, from the error that ended it. */
export function failedRunReport(input: RunInput, runId: string, error: unknown): FailedRunReport {
  const failure = error instanceof RunFailure ? error : undefined;
  return {
    runId,
    workflowId: input.workflowId,
    version: input.version,
    nodeId: failure?.nodeId ?? null,
    error: {
      message: error instanceof Error ? error.message : String(error),
      code: failure?.code ?? (error instanceof Error ? error.name : 'internal'),
    },
    input: input.input,
  };
}

/**
 * Starts the latest published version of `errorWorkflowId` with the report as its input, as an
 * abandoned child whose workflow id is derived from the failed run's: it outlives its parent and
 * starts at most once. A missing or unpublished error workflow is logged, and the run still fails
 * with its own error.
 */
export async function startErrorRun(errorWorkflowId: string, report: FailedRunReport): Promise<void> {
  try {
    const published = await loader['workflow.loadPublished'](errorWorkflowId);
    const trigger: ErrorTrigger = { event: 'error', failedRunId: report.runId };
    const input: RunInput = {
      workflowId: published.workflowId,
      version: published.version,
      definition: published.definition,
      startNodeId: published.startNodeId,
      trigger,
      input: report,
      startedAt: new Date(Date.now()).toISOString(),
      ...(published.authority === undefined ? {} : { authority: published.authority }),
    };
    await startChild(workflowInfo().workflowType, {
      workflowId: errorRunId(report.runId),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: workflowIdKey, value: published.workflowId },
        { key: versionKey, value: published.version },
        { key: triggerKey, value: 'error' },
      ],
    });
  } catch (error: unknown) {
    log.warn('the error workflow could not be started', {
      errorWorkflowId,
      runId: report.runId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
