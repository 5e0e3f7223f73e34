import '../../operations/operations.css';
import type { RunStatus } from '../workflow-api';

const labels: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  terminated: 'Terminated',
  timedOut: 'Timed out',
  continuedAsNew: 'Continued',
  unknown: 'Unknown',
};

/** A run's status as a coloured badge. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge wf-run-status wf-run-status--${status}`} data-run-status={status}>
      {labels[status]}
    </span>
  );
}

/** A duration in words: 850 ms, 4.2 s, 3 min 5 s, 2 h 10 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}
