import { Link } from '../../routing/use-route';
import type { RunSummary } from '../workflow-api';
import { RunStatusBadge } from './run-status-badge';

/** The runs of a workflow, newest first, each opening the run viewer. */
export function RunsPanel(props: {
  workflowId: string;
  runs: readonly RunSummary[];
  error: string | undefined;
}) {
  return (
    <section className="wf-list-panel" aria-label="Runs">
      <h2>Runs</h2>
      <Link to={`/runs?workflowId=${encodeURIComponent(props.workflowId)}`}>Search all runs</Link>
      {props.error && <p className="error">{props.error}</p>}
      {props.runs.length === 0 ? (
        <p className="meta">No runs yet.</p>
      ) : (
        <ul className="wf-runs">
          {props.runs.map((run) => (
            <li key={run.runId}>
              <Link to={{ page: 'run', id: props.workflowId, runId: run.runId }}>
                {new Date(run.startedAt).toLocaleString()}
              </Link>
              <RunStatusBadge status={run.status} />
              <span className="meta">
                v{run.version ?? '?'} · {run.trigger ?? 'unknown'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
