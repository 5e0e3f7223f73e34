import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import { workflowApi, type RunView } from '../workflow-api';

/** How often an open run is read again. */
export const runPollMs = 1000;

/**
 * A run, read again every second while it is running, so its trace fills in live; `reload` starts
 * reading again after the run was restarted.
 */
export function useRun(runId: string) {
  const [run, setRun] = useState<RunView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((current) => current + 1), []);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      workflowApi
        .run(runId)
        .then((view) => {
          if (!live) return;
          setRun(view);
          setError(undefined);
          // A closed run's trace still arrives once a worker answers the query for it.
          if (view.status === 'running' || (view.trace.length === 0 && view.traceError !== undefined))
            timer = setTimeout(poll, runPollMs);
        })
        .catch((caught: unknown) => {
          if (!live) return;
          setError(errorMessage(caught));
          timer = setTimeout(poll, runPollMs * 3);
        });
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId, generation]);
  return { run, error, reload };
}
