/**
 * What a run hands over when it closes, for process analytics. Types only, so the workflow
 * sandbox can import them without pulling store code in.
 */

/** How a run ended, as the analytics count it (a run that continued as new has not ended). */
export type ClosedRunStatus = 'completed' | 'failed' | 'cancelled';

/** One node visit of the run's trace, without its input and output (they may be large). */
export interface VisitSummary {
  nodeId: string;
  type: string;
  status: 'running' | 'completed' | 'failed' | 'waiting' | 'skipped';
  /** ISO 8601. */
  startedAt: string;
  endedAt?: string;
  /** The port the node left by. */
  port?: string;
  /** Visits that undo an earlier step are not the node's own work and are not counted. */
  compensation?: true;
  /** A visit stopped by the run's cancel: it ended as failed, but nothing failed at the node. */
  cancelled?: true;
}

/** The close-time report of one run. */
export interface RunStatsReport {
  runId: string;
  workflowId: string;
  version: number;
  status: ClosedRunStatus;
  startedAt: string;
  closedAt: string;
  visits: VisitSummary[];
  /** Oldest visits the run's trace dropped to stay small: the counts miss them. */
  visitsDropped: number;
}
