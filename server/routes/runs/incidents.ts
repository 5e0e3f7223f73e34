import type { Client } from '@temporalio/client';
import { HttpError, type ErrorDetail } from '../../http/http-error';
import { forEachRun } from './bulk-actions';
import { readRunFilter, singleParam, type RunFilter } from './run-filter';
import { listRuns } from './run-list';
import type { RunSummary } from './run-summary';
import { describeRun } from './run-view';
import { nodeCommands, payloadDecoder, readHistory } from './restart-run';

/** Why a run is an incident. */
export type IncidentKind = 'failed' | 'workflowTaskFailing' | 'activityRetrying';

/** Runs of one workflow that failed, or are stuck, at the same node with the same message. */
export interface IncidentGroup {
  kind: IncidentKind;
  workflowId: string | null;
  nodeId: string | null;
  message: string;
  count: number;
  runs: Array<RunSummary & { attempt?: number }>;
}

export interface IncidentQuery {
  filter: RunFilter;
  /** An activity on its this-many-th attempt or later makes its run stuck. */
  minAttempts: number;
}

/** How many failed and how many open runs one scan reads; the answer says when it hit the cap. */
const scanLimit = 200;

/** Reads `workflowId`, `startedAfter`, `startedBefore` and `minAttempts` (default 3). */
export function readIncidentQuery(query: Partial<Record<string, unknown>>): IncidentQuery {
  const details: ErrorDetail[] = [];
  const { workflowId, startedAfter, startedBefore } = query;
  const filter = readRunFilter({ workflowId, startedAfter, startedBefore }, details);
  const attempts = singleParam(query, 'minAttempts', details);
  if (attempts !== undefined && !(/^[0-9]{1,3}$/.test(attempts) && Number(attempts) >= 2)) {
    details.push({ path: 'minAttempts', message: 'must be an integer from 2 to 999' });
  }
  if (details.length > 0) throw new HttpError('bad_request', 'invalid incident parameters', details);
  return { filter, minAttempts: attempts === undefined ? 3 : Number(attempts) };
}

interface Incident {
  kind: IncidentKind;
  nodeId: string | null;
  message: string;
  run: RunSummary & { attempt?: number };
}

/** Why a failed run failed, from its close event: the message and, failing the search attribute, the node. */
async function failedIncident(temporal: Client, run: RunSummary): Promise<Incident> {
  const response = await temporal.workflowService.getWorkflowExecutionHistoryReverse({
    namespace: temporal.options.namespace,
    execution: { workflowId: run.runId },
    maximumPageSize: 1,
  });
  const failure = response.history?.events?.[0]?.workflowExecutionFailedEventAttributes?.failure;
  const details = payloadDecoder(temporal)(failure?.applicationFailureInfo?.details?.payloads?.[0]) as
    { nodeId?: unknown } | undefined;
  const nodeId = run.failedNode ?? (typeof details?.nodeId === 'string' ? details.nodeId : null);
  return { kind: 'failed', nodeId, message: failure?.message ?? 'failed', run };
}

/** Whether an open run is stuck: its workflow task keeps failing, or an activity keeps retrying. */
async function stuckIncident(
  temporal: Client,
  run: RunSummary,
  minAttempts: number,
): Promise<Incident | null> {
  const { description } = await describeRun(temporal, run.runId);
  const task = description.raw.pendingWorkflowTask;
  if ((task?.attempt ?? 0) > 1) {
    return {
      kind: 'workflowTaskFailing',
      nodeId: null,
      message: 'the workflow task keeps failing (see the worker log)',
      run: { ...run, attempt: task?.attempt ?? 0 },
    };
  }
  const retrying = (description.raw.pendingActivities ?? []).find(
    (activity) => (activity.attempt ?? 0) >= minAttempts,
  );
  if (!retrying) return null;
  const commands = nodeCommands(
    await readHistory(temporal, run.runId, description.runId),
    payloadDecoder(temporal),
  );
  return {
    kind: 'activityRetrying',
    nodeId: (retrying.activityId ? commands.activityNodes.get(retrying.activityId) : undefined) ?? null,
    message: retrying.lastFailure?.message ?? 'the activity keeps retrying',
    run: { ...run, attempt: retrying.attempt ?? 0 },
  };
}

/**
 * The incidents among the runs a filter selects: the failed runs (one visibility page), and the open
 * runs that are stuck (each described), grouped by kind, workflow, node and message, largest first.
 */
export async function listIncidents(
  temporal: Client,
  query: IncidentQuery,
): Promise<{ groups: IncidentGroup[]; scanned: { failed: number; running: number }; truncated: boolean }> {
  const [failed, running] = await Promise.all([
    listRuns(temporal, { ...query.filter, status: 'failed' }, { limit: scanLimit }),
    listRuns(temporal, { ...query.filter, status: 'running' }, { limit: scanLimit }),
  ]);
  const incidents: Incident[] = [];
  const collect = async (runs: RunSummary[], find: (run: RunSummary) => Promise<Incident | null>) => {
    const results = await forEachRun(
      runs.map((run) => run.runId),
      async (runId) => ({ incident: await find(runs.find((run) => run.runId === runId) as RunSummary) }),
    );
    for (const result of results) {
      // A run that closed or vanished between the list and the read is no longer an incident.
      if (result.ok && result.incident) incidents.push(result.incident as Incident);
    }
  };
  await collect(failed.items, (run) => failedIncident(temporal, run));
  await collect(running.items, (run) => stuckIncident(temporal, run, query.minAttempts));
  const groups = new Map<string, IncidentGroup>();
  for (const incident of incidents) {
    const key = JSON.stringify([incident.kind, incident.run.workflowId, incident.nodeId, incident.message]);
    const group = groups.get(key) ?? {
      kind: incident.kind,
      workflowId: incident.run.workflowId,
      nodeId: incident.nodeId,
      message: incident.message,
      count: 0,
      runs: [],
    };
    group.count += 1;
    group.runs.push(incident.run);
    groups.set(key, group);
  }
  return {
    groups: [...groups.values()].sort((a, b) => b.count - a.count || a.message.localeCompare(b.message)),
    scanned: { failed: failed.items.length, running: running.items.length },
    truncated: failed.nextCursor !== null || running.nextCursor !== null,
  };
}
