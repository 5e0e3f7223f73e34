import type { RunStatsReport, VisitSummary } from './run-stats-report';

/** What one run did at one node: the unit the analytics count. */
export interface RunNodeStats {
  nodeId: string;
  type: string;
  visits: number;
  /** 1 when a visit of the node failed in this run, else 0: a number, so `$sum` counts it. */
  failed: 0 | 1;
  /** Time spent at the node over all its finished visits, in milliseconds. */
  durationMs: number | null;
}

/** A port a node left by in a run: the edges from that port were taken. */
export interface RunExit {
  nodeId: string;
  port: string;
}

/** The stored document of one closed run; `_id` is the run id, so it is written once. */
export interface RunStatsDocument {
  _id: string;
  workflowId: string;
  version: number;
  status: RunStatsReport['status'];
  startedAt: string;
  closedAt: string;
  visitsDropped: number;
  nodes: RunNodeStats[];
  /**
   * Each port left by, once. Kept beside `nodes`, not in them: FerretDB v1 cannot unwind an array
   * inside an unwound one.
   */
  exits: RunExit[];
}

function finishedDuration(visit: VisitSummary): number | undefined {
  // A cancelled visit did not finish its work: its time says when the cancel came, not how long the work takes.
  if (visit.endedAt === undefined || visit.status === 'skipped' || visit.cancelled) return undefined;
  const ms = Date.parse(visit.endedAt) - Date.parse(visit.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * Folds a run's visits into one entry per node reached, in order of first visit. Skipped visits (a
 * disabled node passed through) and compensation visits are not the node's own work and are left
 * out.
 *
 * @example
 * summarizeRun(report).nodes; // [{ nodeId: 'start', visits: 1, failed: 0, durationMs: 0 }, …]
 */
export function summarizeRun(report: RunStatsReport): RunStatsDocument {
  const byNode = new Map<string, RunNodeStats>();
  const exits = new Map<string, RunExit>();
  for (const visit of report.visits) {
    if (visit.status === 'skipped' || visit.compensation) continue;
    const stats = byNode.get(visit.nodeId) ?? {
      nodeId: visit.nodeId,
      type: visit.type,
      visits: 0,
      failed: 0,
      durationMs: null,
    };
    stats.visits += 1;
    if (visit.status === 'failed' && !visit.cancelled) stats.failed = 1;
    const duration = finishedDuration(visit);
    if (duration !== undefined) stats.durationMs = (stats.durationMs ?? 0) + duration;
    // A flow.end completes by no port.
    if (visit.status === 'completed' && visit.port !== undefined) {
      exits.set(`${visit.nodeId}\u0000${visit.port}`, { nodeId: visit.nodeId, port: visit.port });
    }
    byNode.set(visit.nodeId, stats);
  }
  return {
    _id: report.runId,
    workflowId: report.workflowId,
    version: report.version,
    status: report.status,
    startedAt: report.startedAt,
    closedAt: report.closedAt,
    visitsDropped: report.visitsDropped,
    nodes: [...byNode.values()],
    exits: [...exits.values()],
  };
}
