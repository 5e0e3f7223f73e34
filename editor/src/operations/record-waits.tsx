import { useEffect, useState } from 'react';
import { RunTitleLink } from './run-links';
import { runsApi } from './runs-api';
import { WaitingForNotice } from './waiting-for';

type WaitingRuns = NonNullable<Awaited<ReturnType<typeof runsApi.recordRuns>>['waiting']>;

/**
 * On a record's page: the runs waiting on it in flow.waitFor, each saying in words what would move
 * it on, with the action that does where there is one. Shows nothing when no run waits (or the
 * runs cannot be read: the Runs tab says why).
 */
export function RecordWaits({ type, id, refreshKey }: { type: string; id: string; refreshKey?: unknown }) {
  const [runs, setRuns] = useState<WaitingRuns>([]);
  useEffect(() => {
    let live = true;
    runsApi
      .recordRuns(type, id)
      .then((loaded) => live && setRuns(loaded.waiting ?? []))
      .catch(() => live && setRuns([]));
    return () => {
      live = false;
    };
  }, [type, id, refreshKey]);
  if (runs.length === 0) return null;
  return (
    <div role="group" aria-label="Runs waiting on this record">
      {runs.map((run) => (
        <WaitingForNotice
          key={run.runId}
          waits={run.waitingFor}
          about={
            <>
              Run <RunTitleLink run={run} />
            </>
          }
        />
      ))}
    </div>
  );
}
