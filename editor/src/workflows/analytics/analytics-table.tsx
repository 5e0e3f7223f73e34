import type { ProcessAnalytics } from '../../../../domain/process-analytics/analytics-answer';
import { formatDuration, formatShare } from './heat-scale';

/**
 * The figures of the heatmap as tables, one row per node and per edge: what a screen reader reads,
 * and what a user copies.
 */
export function AnalyticsTable(props: { answer: ProcessAnalytics; levels: ReadonlyMap<string, number> }) {
  const { answer, levels } = props;
  return (
    <>
      <table className="records wf-analytics-table" aria-label="Per-node figures">
        <caption>Per node</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Runs</th>
            <th scope="col">Median</th>
            <th scope="col">p90</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {answer.nodes.map((node) => (
            <tr key={node.nodeId} data-node={node.nodeId} data-heat={levels.get(node.nodeId) ?? 'none'}>
              <th scope="row" title={node.type}>
                {node.label ?? node.nodeId}
                {node.durationKind === 'timeToComplete' && <span className="meta"> (time to complete)</span>}
              </th>
              <td>{node.runs}</td>
              <td>{node.duration ? formatDuration(node.duration.medianMs) : '–'}</td>
              <td>{node.duration ? formatDuration(node.duration.p90Ms) : '–'}</td>
              <td>
                {node.failedRuns} ({formatShare(node.failureRate)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="records wf-analytics-table" aria-label="Per-edge figures">
        <caption>Per edge</caption>
        <thead>
          <tr>
            <th scope="col">Edge</th>
            <th scope="col">Runs</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {answer.edges.map((edge) => (
            <tr key={edge.edgeId} data-edge={edge.edgeId}>
              <th scope="row">
                {edge.source}
                {edge.sourcePort === 'out' ? '' : ` (${edge.sourcePort})`} → {edge.target}
              </th>
              <td>{edge.runs}</td>
              <td>{formatShare(edge.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
