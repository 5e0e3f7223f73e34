import type { ClosedRunStatus } from './run-stats-report';

/*
 * What `GET /api/workflows/:id/analytics` answers. Types only, so the editor imports them too.
 */

/** Median and p90 of a node's time per run, in milliseconds. */
export interface DurationFigures {
  medianMs: number;
  p90Ms: number;
  /** Runs the figures were computed from. */
  samples: number;
}

export interface NodeAnalytics {
  nodeId: string;
  type: string;
  label: string | null;
  /** Runs that reached the node at least once. */
  runs: number;
  /** Runs in which a visit of the node failed. */
  failedRuns: number;
  /** failedRuns / runs; null when no run reached the node. */
  failureRate: number | null;
  /**
   * Time at the node per run (its visits summed): for human tasks the time to complete, from
   * creation to decision. Null when no sampled run finished a visit there.
   */
  duration: DurationFigures | null;
  durationKind: 'duration' | 'timeToComplete';
}

export interface EdgeAnalytics {
  edgeId: string;
  source: string;
  sourcePort: string;
  target: string;
  /** Runs that left the source by the edge's port. */
  runs: number;
  /** runs / all runs in range; null when there are none. */
  share: number | null;
}

export interface ProcessAnalytics {
  workflowId: string;
  version: number;
  from: string;
  to: string;
  runs: { total: number } & Record<ClosedRunStatus, number>;
  nodes: NodeAnalytics[];
  edges: EdgeAnalytics[];
  /** Durations come from a uniform sample of at most `limit` runs; `sampled` says whether runs were left out. */
  durationSample: { runs: number; limit: number; sampled: boolean };
}
