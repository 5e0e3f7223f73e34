import { CancellationScope, log, patched, proxyActivities } from '@temporalio/workflow';
import type {
  ClosedRunStatus,
  RunStatsReport,
  VisitSummary,
} from '../../domain/process-analytics/run-stats-report';
import type { TraceEntry } from '../../workflows/interpreter';
import type { RunInput } from '../../workflows/runtime/run-contract';

const recorder = proxyActivities<{ 'run.recordStats': (report: RunStatsReport) => Promise<void> }>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10 },
});

/** The patch that guards the close-time `run.recordStats` call. */
export const runStatsPatch = 'run-stats-recorded';

/** The trace without inputs and outputs, which may be large: what the per-node figures need. */
function visitsOf(trace: readonly TraceEntry[]): VisitSummary[] {
  return trace.map((entry) => ({
    nodeId: entry.nodeId,
    type: entry.type,
    status: entry.status,
    startedAt: entry.startedAt,
    ...(entry.endedAt === undefined ? {} : { endedAt: entry.endedAt }),
    ...(entry.port === undefined ? {} : { port: entry.port }),
    ...(entry.compensation ? { compensation: true as const } : {}),
    // The interpreter fails the visits a cancel stops with this error type.
    ...(entry.error?.type === 'Cancelled' ? { cancelled: true as const } : {}),
  }));
}

/**
 * Hands the closing run's visits to `run.recordStats`, which stores them once per run for process
 * analytics (README: Process analytics). Not cancellable, so a cancelled run is counted too; a
 * store that stays down loses the figures, not the run. Guarded by the `run-stats-recorded` patch.
 */
export async function recordRunStats(
  input: RunInput,
  runId: string,
  status: ClosedRunStatus,
  run: { trace(): TraceEntry[]; traceDropped(): number },
): Promise<void> {
  if (!patched(runStatsPatch)) return;
  const report: RunStatsReport = {
    runId,
    workflowId: input.workflowId,
    version: input.version,
    status,
    startedAt: input.startedAt,
    closedAt: new Date(Date.now()).toISOString(),
    visits: visitsOf(run.trace()),
    visitsDropped: run.traceDropped(),
  };
  try {
    await CancellationScope.nonCancellable(() => recorder['run.recordStats'](report));
  } catch (error: unknown) {
    log.warn('the run statistics could not be recorded', {
      runId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
