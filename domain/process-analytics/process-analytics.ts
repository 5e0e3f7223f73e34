import type { Db, Filter } from 'mongodb';
import { DEFAULT_PORT, type WorkflowDefinition } from '../../workflows/definition/workflow-definition';
import { nearestRank } from './quantile';
import { runStats } from './run-stats-store';
import type { EdgeAnalytics, NodeAnalytics, ProcessAnalytics } from './analytics-answer';
import type { ClosedRunStatus } from './run-stats-report';
import type { RunNodeStats, RunStatsDocument } from './summarize-run';

/** Which runs an analytics answer covers: one version's runs that closed in `[from, to)`. */
export interface AnalyticsQuery {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  /** ISO 8601, inclusive. */
  from: string;
  /** ISO 8601, exclusive. */
  to: string;
  /** Runs whose durations are read for the median and p90, sampled uniformly; counts are always exact. */
  sampleLimit?: number;
  /** The sample's randomness; `Math.random` unless given. */
  random?: () => number;
}

export const defaultSampleLimit = 2_000;

function isHumanTask(type: string): boolean {
  return type.startsWith('human.');
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Keeps a uniform random sample of at most `limit` items of a stream (Algorithm R). */
function reservoir<T>(limit: number, random: () => number) {
  const items: T[] = [];
  let seen = 0;
  return {
    items,
    offer(item: T): void {
      seen += 1;
      if (items.length < limit) items.push(item);
      else {
        const slot = Math.floor(random() * seen);
        if (slot < limit) items[slot] = item;
      }
    },
  };
}

/**
 * Per-node and per-edge figures of one workflow version over a time range, from the documents
 * runs write when they close, read in one pass: FerretDB v1 scans the collection for every query,
 * so one read costs a quarter of four grouped ones (README: Process analytics, measured figures).
 * Counts are exact; the median and p90 come from a uniform sample of at most `sampleLimit` runs.
 */
export async function processAnalytics(db: Db, query: AnalyticsQuery): Promise<ProcessAnalytics> {
  const match: Filter<RunStatsDocument> = {
    workflowId: query.workflowId,
    version: query.version,
    closedAt: { $gte: query.from, $lt: query.to },
  };
  const sampleLimit = query.sampleLimit ?? defaultSampleLimit;
  const cursor = runStats(db).find(match, { projection: { status: 1, nodes: 1, exits: 1 } });
  const runs: Record<ClosedRunStatus | 'total', number> = { total: 0, completed: 0, failed: 0, cancelled: 0 };
  const reached = new Map<string, { runs: number; failed: number }>();
  const leftBy = new Map<string, number>();
  const sample = reservoir<RunNodeStats[]>(sampleLimit, query.random ?? Math.random);
  for await (const run of cursor) {
    runs[run.status] += 1;
    runs.total += 1;
    for (const node of run.nodes) {
      const figures = reached.get(node.nodeId) ?? { runs: 0, failed: 0 };
      figures.runs += 1;
      figures.failed += node.failed;
      reached.set(node.nodeId, figures);
    }
    for (const exit of run.exits) {
      const key = `${exit.nodeId}\u0000${exit.port}`;
      leftBy.set(key, (leftBy.get(key) ?? 0) + 1);
    }
    sample.offer(run.nodes);
  }
  const durations = new Map<string, number[]>();
  for (const nodes of sample.items) {
    for (const node of nodes) {
      if (typeof node.durationMs !== 'number') continue;
      const list = durations.get(node.nodeId) ?? [];
      list.push(node.durationMs);
      durations.set(node.nodeId, list);
    }
  }

  const nodes = query.definition.nodes.map((node): NodeAnalytics => {
    const group = reached.get(node.id);
    const nodeRuns = group?.runs ?? 0;
    const failedRuns = group?.failed ?? 0;
    const sorted = (durations.get(node.id) ?? []).sort((a, b) => a - b);
    const median = nearestRank(sorted, 0.5);
    const p90 = nearestRank(sorted, 0.9);
    return {
      nodeId: node.id,
      type: node.type,
      label: node.label ?? null,
      runs: nodeRuns,
      failedRuns,
      failureRate: ratio(failedRuns, nodeRuns),
      duration:
        median === undefined || p90 === undefined
          ? null
          : { medianMs: median, p90Ms: p90, samples: sorted.length },
      durationKind: isHumanTask(node.type) ? 'timeToComplete' : 'duration',
    };
  });
  const edges = query.definition.edges.map((edge): EdgeAnalytics => {
    const port = edge.sourcePort ?? DEFAULT_PORT;
    const edgeRuns = leftBy.get(`${edge.source}\u0000${port}`) ?? 0;
    return {
      edgeId: edge.id,
      source: edge.source,
      sourcePort: port,
      target: edge.target,
      runs: edgeRuns,
      share: ratio(edgeRuns, runs.total),
    };
  });
  return {
    workflowId: query.workflowId,
    version: query.version,
    from: query.from,
    to: query.to,
    runs,
    nodes,
    edges,
    durationSample: {
      runs: sample.items.length,
      limit: sampleLimit,
      sampled: runs.total > sample.items.length,
    },
  };
}
