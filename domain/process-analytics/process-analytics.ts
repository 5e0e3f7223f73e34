import type { Db, Filter } from 'mongodb';
import { DEFAULT_PORT, type WorkflowDefinition } from '../../workflows/definition/workflow-definition';
import { nearestRank } from './quantile';
import { runStats } from './run-stats-store';
import type { EdgeAnalytics, NodeAnalytics, ProcessAnalytics } from './analytics-answer';
import type { ClosedRunStatus } from './run-stats-report';
import type { RunStatsDocument } from './summarize-run';

/** Which runs an analytics answer covers: one version's runs that closed in `[from, to)`. */
export interface AnalyticsQuery {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  /** ISO 8601, inclusive. */
  from: string;
  /** ISO 8601, exclusive. */
  to: string;
  /** Most recent runs whose durations are read for the median and p90; counts are always exact. */
  sampleLimit?: number;
}

export const defaultSampleLimit = 2_000;

function isHumanTask(type: string): boolean {
  return type.startsWith('human.');
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Per-node and per-edge figures of one workflow version over a time range, from the documents
 * runs write when they close. Counts are grouped in the store with the stages FerretDB v1 runs
 * (`$match`, `$unwind`, `$group`); the median and p90 are computed here from the most recent
 * `sampleLimit` runs.
 */
export async function processAnalytics(db: Db, query: AnalyticsQuery): Promise<ProcessAnalytics> {
  const collection = runStats(db);
  const match: Filter<RunStatsDocument> = {
    workflowId: query.workflowId,
    version: query.version,
    closedAt: { $gte: query.from, $lt: query.to },
  };
  const sampleLimit = query.sampleLimit ?? defaultSampleLimit;
  const [byStatus, byNode, byPort, sample] = await Promise.all([
    collection
      .aggregate<{ _id: ClosedRunStatus; runs: number }>([
        { $match: match },
        { $group: { _id: '$status', runs: { $sum: 1 } } },
      ])
      .toArray(),
    collection
      // Grouped by the failed flag too: FerretDB v1 sums a field of an unwound array as 0.
      .aggregate<{ _id: { nodeId: string; failed: 0 | 1 }; runs: number }>([
        { $match: match },
        { $unwind: '$nodes' },
        { $group: { _id: { nodeId: '$nodes.nodeId', failed: '$nodes.failed' }, runs: { $sum: 1 } } },
      ])
      .toArray(),
    collection
      .aggregate<{ _id: { nodeId: string; port: string }; runs: number }>([
        { $match: match },
        { $unwind: '$exits' },
        { $group: { _id: { nodeId: '$exits.nodeId', port: '$exits.port' }, runs: { $sum: 1 } } },
      ])
      .toArray(),
    collection
      .find(match, { projection: { 'nodes.nodeId': 1, 'nodes.durationMs': 1 } })
      .sort({ closedAt: -1 })
      .limit(sampleLimit)
      .toArray(),
  ]);

  const runs = { total: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const group of byStatus) {
    runs[group._id] += group.runs;
    runs.total += group.runs;
  }
  const reached = new Map<string, { runs: number; failed: number }>();
  for (const group of byNode) {
    const node = reached.get(group._id.nodeId) ?? { runs: 0, failed: 0 };
    node.runs += group.runs;
    if (group._id.failed === 1) node.failed += group.runs;
    reached.set(group._id.nodeId, node);
  }
  const leftBy = new Map(byPort.map((group) => [`${group._id.nodeId}\u0000${group._id.port}`, group.runs]));
  const durations = new Map<string, number[]>();
  for (const run of sample) {
    for (const node of run.nodes) {
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
    durationSample: { runs: sample.length, limit: sampleLimit, sampled: runs.total > sample.length },
  };
}
