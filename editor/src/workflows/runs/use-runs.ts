import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import { workflowApi, type RunSummary } from '../workflow-api';

/** How often the runs list refreshes while it is shown. */
const refreshMs = 4000;

/** A workflow's runs, refreshed while the page is open; `refresh` after starting one. */
export function useRuns(workflowId: string) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<string | undefined>();
  const refresh = useCallback(() => {
    workflowApi
      .runs(workflowId)
      .then((items) => {
        setRuns(items);
        setError(undefined);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  }, [workflowId]);
  useEffect(() => {
    const first = setTimeout(refresh, 0);
    const timer = setInterval(refresh, refreshMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);
  return { runs, error, refresh };
}
