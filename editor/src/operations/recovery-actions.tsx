import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import { navigate } from '../routing/use-route';
import type { RunView } from '../workflows/workflow-api';
import { runsApi } from './runs-api';

const ended = new Set(['failed', 'terminated', 'timedOut', 'cancelled', 'completed']);

/** Retry (a new run) and restart from the failed node, on the run viewer of a run that ended badly. */
export function RecoveryActions({ run, onProblem }: { run: RunView; onProblem: (message: string) => void }) {
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
      {run.failedNode && (
        <button type="button" onClick={() => act(runsApi.restart(run.runId))} disabled={busy}>
          Restart from {run.failedNode}
        </button>
      )}
    </>
  );
}
