import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { WorkflowSummary } from '../workflows/workflow-api';
import { Feedback } from './feedback';
import { RecordLink, RunTitleLink, WorkflowSelect } from './run-links';
import { runsApi, type IncidentGroup } from './runs-api';

const kindLabels: Record<IncidentGroup['kind'], string> = {
  failed: 'Failed',
  workflowTaskFailing: 'Stuck: workflow task failing',
  activityRetrying: 'Stuck: activity retrying',
};

const retries = [
  ['same', 'Retry'],
  ['latest', 'Retry on latest version'],
] as const;

/**
 * Failed and stuck runs grouped by workflow, node and error message, with retry and restart from
 * the node on each run.
 */
export function IncidentsView({ workflows }: { workflows: WorkflowSummary[] }) {
  const [workflowId, setWorkflowId] = useState('');
  const [groups, setGroups] = useState<IncidentGroup[] | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const names = new Map(workflows.map((workflow) => [workflow._id, workflow.name]));

  const load = useCallback(() => {
    runsApi
      .incidents(workflowId)
      .then((answer) => {
        setGroups(answer.groups);
        setError(undefined);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  }, [workflowId]);
  useEffect(load, [load]);

  const act = (work: Promise<string>) => {
    setNotice(undefined);
    work
      .then((message) => {
        setNotice(message);
        load();
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  };

  return (
    <>
      <div className="filters">
        <WorkflowSelect
          workflows={workflows}
          value={workflowId}
          onChange={(event) => setWorkflowId(event.target.value)}
        />
        <button type="button" onClick={load}>
          Refresh
        </button>
      </div>
      <Feedback error={error} notice={notice} />
      {groups?.length === 0 && <p className="meta">No incidents: no failed or stuck runs.</p>}
      {groups?.map((group) => (
        <section
          key={`${group.kind}/${group.workflowId ?? ''}/${group.nodeId ?? ''}/${group.message}`}
          className="incident-group"
          aria-label={`Incident ${group.message}`}
        >
          <h2>
            <span className={`badge incident-${group.kind}`}>{kindLabels[group.kind]}</span>{' '}
            {names.get(group.workflowId ?? '') ?? group.workflowId ?? 'unknown workflow'}
            {group.nodeId && <> · node {group.nodeId}</>} · {group.count} run{group.count === 1 ? '' : 's'}
          </h2>
          <p className="error">{group.message}</p>
          <table className="records">
            <tbody>
              {group.runs.map((run) => (
                <tr key={run.runId} data-run-id={run.runId}>
                  <td>
                    <RunTitleLink run={run} />
                  </td>
                  <td>
                    <RecordLink record={run.record} />
                  </td>
                  <td>{run.attempt === undefined ? '' : `attempt ${run.attempt}`}</td>
                  <td className="actions">
                    {run.status !== 'running' &&
                      retries.map(([version, label]) => (
                        <button
                          key={version}
                          type="button"
                          onClick={() =>
                            act(
                              runsApi
                                .retry(run.runId, version)
                                .then((answer) => `${label}: new run ${answer.retryRunId}`),
                            )
                          }
                        >
                          {label}
                        </button>
                      ))}
                    {group.nodeId && (
                      <button
                        type="button"
                        onClick={() =>
                          act(
                            runsApi
                              .restart(run.runId, group.nodeId ?? undefined)
                              .then((answer) => `Restarted ${run.runId} from node ${answer.nodeId}`),
                          )
                        }
                      >
                        Restart from node
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
