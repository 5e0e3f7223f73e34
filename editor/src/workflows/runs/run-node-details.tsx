import type { TraceEntry } from '../model/core';
import type { NodeRunState } from '../model/trace-overlay';
import { visitDuration } from '../model/trace-overlay';
import { formatDuration } from './run-status-badge';

/** A value as pretty JSON under an open disclosure, labelled; nothing when the value is undefined. */
export function JsonDetails({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return null;
  return (
    <details open>
      <summary>{label}</summary>
      <pre className="wf-json-view" aria-label={label}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

/** A failure's field details (`path: message`, as the HTTP API lists them), under its message. */
function ErrorDetails({ details }: { details: unknown }) {
  const items = Array.isArray(details)
    ? details.filter(
        (detail): detail is { path: string; message: string } =>
          typeof (detail as { path?: unknown } | null)?.path === 'string' &&
          typeof (detail as { message?: unknown }).message === 'string',
      )
    : [];
  if (items.length === 0) return null;
  return (
    <ul className="wf-error-details" aria-label="Error details">
      {items.map((detail) => (
        <li key={`${detail.path}:${detail.message}`}>
          {detail.path === '' ? detail.message : `${detail.path}: ${detail.message}`}
        </li>
      ))}
    </ul>
  );
}

function Visit({ entry }: { entry: TraceEntry }) {
  const duration = visitDuration(entry);
  return (
    <li
      className={`wf-visit wf-status--${entry.status}`}
      data-testid={`visit-${entry.nodeId}-${entry.visit}`}
    >
      <p>
        <strong>
          Visit {entry.visit}
          {entry.item ? ` (item ${entry.item.index + 1} of ${entry.item.forEach})` : ''}
          {entry.compensation ? ' (undo)' : ''}
        </strong>{' '}
        · {entry.status}
        {entry.port ? ` · left by ${entry.port}` : ''}
      </p>
      <p className="meta">
        Started {new Date(entry.startedAt).toLocaleTimeString()}
        {duration === undefined ? ' · still going' : ` · took ${formatDuration(duration)}`}
      </p>
      <JsonDetails label="Input" value={entry.input} />
      <JsonDetails label="Output" value={entry.output} />
      {entry.error && (
        <p className="error">
          {entry.error.type}: {entry.error.message}
        </p>
      )}
      {entry.error && <ErrorDetails details={entry.error.details} />}
    </li>
  );
}

/** Every visit of one node in a run: status, timing, the port it left by, its input, output and error. */
export function RunNodeDetails({ nodeId, state }: { nodeId: string; state: NodeRunState | undefined }) {
  return (
    <section className="wf-inspector" aria-label="Node in this run">
      <h2>{nodeId}</h2>
      {!state ? (
        <p className="meta">This node has not run.</p>
      ) : (
        <ol className="wf-visits">
          {state.visits.map((entry) => (
            <Visit
              key={`${entry.visit}:${entry.item?.index ?? ''}:${entry.compensation ? 'c' : ''}`}
              entry={entry}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
