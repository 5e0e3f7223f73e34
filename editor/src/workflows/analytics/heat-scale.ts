import type { NodeAnalytics } from '../../../../domain/process-analytics/analytics-answer';

/** What the node colours show. */
export type HeatMeasure = 'runs' | 'p90' | 'failureRate';

export const heatMeasures: ReadonlyArray<{ value: HeatMeasure; label: string }> = [
  { value: 'runs', label: 'Runs reached' },
  { value: 'p90', label: 'p90 duration' },
  { value: 'failureRate', label: 'Failure rate' },
];

/** Colours from cold (level 0) to hot (level 4); the legend shows the same steps. */
export const heatColors = ['#eef2f7', '#fdecc0', '#fbcf86', '#f6a168', '#ee6f5f'] as const;

export const hottestLevel = heatColors.length - 1;

/** The node's figure for a measure; undefined when it has none (no run reached it, no duration). */
export function measureOf(node: NodeAnalytics, measure: HeatMeasure): number | undefined {
  if (measure === 'runs') return node.runs;
  if (measure === 'p90') return node.duration?.p90Ms;
  return node.failureRate ?? undefined;
}

/**
 * Each node's heat level, 0 to 4, in proportion to the largest figure of the measure: the node
 * with the largest figure is at level 4, a node at zero at level 0. Nodes without a figure are left
 * out.
 *
 * @example
 * heatLevels([{ nodeId: 'a', runs: 10 }, { nodeId: 'b', runs: 3 }], 'runs'); // a → 4, b → 2
 */
export function heatLevels(nodes: readonly NodeAnalytics[], measure: HeatMeasure): Map<string, number> {
  const figures = nodes.flatMap((node) => {
    const value = measureOf(node, measure);
    return value === undefined ? [] : [{ nodeId: node.nodeId, value }];
  });
  const max = Math.max(0, ...figures.map((figure) => figure.value));
  return new Map(
    figures.map(({ nodeId, value }) => [
      nodeId,
      max === 0 || value === 0 ? 0 : Math.max(1, Math.ceil((value / max) * hottestLevel)),
    ]),
  );
}

/** An edge's stroke width in pixels: 1 for an edge no run took, up to 10 for one every run took. */
export function edgeWidth(share: number | null): number {
  return 1 + 9 * (share ?? 0);
}

/** A duration in words short enough for a node badge: 850 ms, 12 s, 4.5 min, 3.2 h, 2.1 d. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** A share as a whole percentage; a dash when there is none. */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** The node's figure for a measure, in words, for its badge on the canvas. */
export function describeMeasure(node: NodeAnalytics, measure: HeatMeasure): string {
  if (measure === 'runs') return `${node.runs} run${node.runs === 1 ? '' : 's'}`;
  if (measure === 'p90') return node.duration ? `p90 ${formatDuration(node.duration.p90Ms)}` : 'no duration';
  return node.failureRate === null ? 'not reached' : `${formatShare(node.failureRate)} failed`;
}
