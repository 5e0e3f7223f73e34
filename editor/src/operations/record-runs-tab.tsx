import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client';
import { Link } from '../routing/use-route';
import { RunStatusBadge } from '../workflows/runs/run-status-badge';
import { RunTitleLink } from './run-links';
import { runsApi, type RecordWrites, type RunListItem } from './runs-api';

/** A record's runs: those it triggered, and those that wrote it, each linking to the run viewer. */
export function RecordRunsTab({ type, id }: { type: string; id: string }) {
  const [runs, setRuns] = useState<
    { triggered: RunListItem[]; wrote: Array<{ runId: string; writes: RecordWrites['writes'] }> } | undefined
  >();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    runsApi
      .recordRuns(type, id)
      .then((loaded) => live && setRuns(loaded))
      .catch((caught: unknown) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [type, id]);
  if (error) return <p role="alert">{error}</p>;
  if (!runs) return <p>Loading…</p>;
  return (
    <section aria-label="Record runs" className="record-runs">
      <h2>Runs this record started</h2>
      <Link to={`/runs?entityType=${encodeURIComponent(type)}&entityId=${encodeURIComponent(id)}`}>
        Search them on the runs page
      </Link>
      {runs.triggered.length === 0 ? (
        <p className="meta">None.</p>
      ) : (
        <ul>
          {runs.triggered.map((run) => (
            <li key={run.runId}>
              <RunTitleLink run={run} /> <RunStatusBadge status={run.status} />{' '}
              <span className="meta">{new Date(run.startedAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Runs that wrote this record</h2>
      {runs.wrote.length === 0 ? (
        <p className="meta">None.</p>
      ) : (
        <ul>
          {runs.wrote.map((run) => (
            <li key={run.runId}>
              <code>{run.runId}</code>{' '}
              <span className="meta">
                {run.writes.map((write) => `${write.kind} v${write.version}`).join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
