import type { ProcessAnalytics } from '../../../../domain/process-analytics/analytics-answer';
import { describeMeasure, edgeWidth, heatColors, heatLevels, type HeatMeasure } from './heat-scale';

/**
 * The heatmap as a stylesheet over the read-only canvas: node backgrounds by heat level, a badge
 * with the node's figure, and edge widths by the share of runs taking them. Keyed by the `data-id`
 * React Flow puts on every node and edge, so the canvas draws the graph unchanged and the overlay
 * never re-maps a node.
 */
export function heatOverlayCss(scope: string, answer: ProcessAnalytics, measure: HeatMeasure): string {
  const levels = heatLevels(answer.nodes, measure);
  const rules: string[] = [];
  for (const node of answer.nodes) {
    const selector = `${scope} .react-flow__node[data-id=${JSON.stringify(node.nodeId)}] .wf-node`;
    const level = levels.get(node.nodeId);
    if (level !== undefined) {
      rules.push(`${selector} { background: ${heatColors[level]}; }`);
    }
    rules.push(`${selector}::after { content: ${JSON.stringify(describeMeasure(node, measure))}; }`);
  }
  for (const edge of answer.edges) {
    rules.push(
      `${scope} .react-flow__edge[data-id=${JSON.stringify(edge.edgeId)}] .react-flow__edge-path { stroke-width: ${edgeWidth(edge.share)}px; }`,
    );
  }
  return rules.join('\n');
}
