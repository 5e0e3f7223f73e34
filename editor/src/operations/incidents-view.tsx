import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import { useLiveData } from '../inbox/use-live-data';
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

/** How often the incidents refresh while they are shown. */
const refreshMs = 10_000;

/**
 * Failed and stuck runs grouped by workflow, node and error message, with retry and restart from
 * the node on each run. The list follows the workflow filter and refreshes while shown; an answer
 * for an earlier filter never replaces a later one's.
 */
export function IncidentsView({ workflows }: { workflows: WorkflowSummary[] }) {
  const [workflowId, setWorkflowId] = useState('');
  const incidents = useLiveData(`incidents:${workflowId}`, () => runsApi.incidents(workflowId), refreshMs);
  const groups: IncidentGroup[] | undefined = incidents.data?.groups;
  const [notice, setNotice] = useState<string | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const names = new Map(workflows.map((workflow) => [workflow._id, workflow.name]));

  const act = (work: Promise<string>) => {
    setNotice(undefined);
    setActionError(undefined);
    work
      .then((message) => {
        setNotice(message);
        incidents.reload();
      })
      .catch((caught: unknown) => setActionError(errorMessage(caught)));
  };

  return (
    <>
      <div className="filters">
        <WorkflowSelect
          workflows={workflows}
          value={workflowId}
          onChange={(event) => setWorkflowId(event.target.value)}
        />
        <button type="button" onClick={incidents.reload}>
          Refresh
        </button>
      </div>
      <Feedback error={actionError ?? incidents.error} notice={notice} />
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
