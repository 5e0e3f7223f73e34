import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import { navigate } from '../routing/use-route';
import type { RunView } from '../workflows/workflow-api';
import { runsApi } from './runs-api';

const ended = new Set(['failed', 'terminated', 'timedOut', 'cancelled', 'completed']);
// As the server allows: a run that completed or was cancelled on purpose is retried, not restarted.
const restartable = new Set(['failed', 'terminated', 'timedOut']);

/**
 * Retry (a new run) and restart from a node (the one selected on the graph, or the one the run
 * failed at), on the run viewer of a run that ended.
 */
export function RecoveryActions(props: {
  run: RunView;
  selectedNode: string | undefined;
  onProblem: (message: string) => void;
  onRestarted: () => void;
}) {
  const { run, onProblem } = props;
  const restartNode = props.selectedNode ?? run.failedNode ?? undefined;
  const [busy, setBusy] = useState(false);
  if (!ended.has(run.status)) return null;
  const act = (work: Promise<unknown>) => {
    setBusy(true);
    work.catch((caught: unknown) => onProblem(errorMessage(caught))).finally(() => setBusy(false));
  };
  const retry = () =>
    act(
      runsApi.retry(run.runId, 'same').then((answer) => {
        if (run.workflowId !== null) navigate({ page: 'run', id: run.workflowId, runId: answer.retryRunId });
      }),
    );
  return (
    <>
      <button type="button" onClick={retry} disabled={busy}>
        Retry
      </button>
      {restartNode !== undefined && restartable.has(run.status) && (
        <button
          type="button"
          onClick={() => act(runsApi.restart(run.runId, restartNode).then(props.onRestarted))}
          disabled={busy}
        >
          Restart from {restartNode}
        </button>
      )}
    </>
  );
}
