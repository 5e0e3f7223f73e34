import type { WaitingFor } from '../../../domain/workflows/describe-wait';
import { api } from '../api/api-client';
import type { RunStatus, RunSummary } from '../workflows/workflow-api';

/** The filters of `GET /api/runs`, as the runs page holds them; empty strings mean no filter. */
export interface RunFilterValues {
  status: string;
  workflowId: string;
  version: string;
  trigger: string;
  startedAfter: string;
  startedBefore: string;
  entityType: string;
  entityId: string;
  failedNode: string;
  q: string;
}

export const emptyFilter: RunFilterValues = {
  status: '',
  workflowId: '',
  version: '',
  trigger: '',
  startedAfter: '',
  startedBefore: '',
  entityType: '',
  entityId: '',
  failedNode: '',
  q: '',
};

/** A run in the list across workflows: the workflow's summary plus its title, record and failing node. */
export interface RunListItem extends RunSummary {
  title: string | null;
  record: { entityType: string; entityId: string } | null;
  failedNode: string | null;
}

export interface RunCounts {
  total: number;
  byStatus: Record<Exclude<RunStatus, 'unknown'>, number>;
}

export interface IncidentGroup {
  kind: 'failed' | 'workflowTaskFailing' | 'activityRetrying';
  workflowId: string | null;
  nodeId: string | null;
  message: string;
  count: number;
  runs: Array<RunListItem & { attempt?: number }>;
}

export interface BulkResult {
  runId: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface RecordWrites {
  entityType: string;
  entityId: string;
  label: string | null;
  writes: Array<{ version: number; kind: string; at: string }>;
}

/** The filter as query parameters, without the empty ones; dates from `datetime-local` become ISO. */
export function filterParams(filter: Partial<RunFilterValues>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value.trim() === '') continue;
    const isDate = key === 'startedAfter' || key === 'startedBefore';
    params.set(key, isDate ? new Date(value).toISOString() : value.trim());
  }
  return params;
}

/** Without the empty filters, as a bulk action's `filter` body. */
function filterBody(filter: RunFilterValues): Record<string, string> {
  return Object.fromEntries(filterParams(filter));
}

export const runsApi = {
  list: (filter: RunFilterValues, cursor?: string) => {
    const params = filterParams(filter);
    params.set('limit', '25');
    if (cursor !== undefined) params.set('cursor', cursor);
    return api<{ items: RunListItem[]; nextCursor: string | null }>(`/api/runs?${params.toString()}`);
  },
  counts: (filter: RunFilterValues) => {
    const { status: _status, ...rest } = filter;
    return api<RunCounts>(`/api/runs/counts?${filterParams(rest).toString()}`);
  },
  incidents: (workflowId: string) =>
    api<{ groups: IncidentGroup[]; truncated: boolean }>(
      `/api/runs/incidents?${filterParams({ workflowId }).toString()}`,
    ),
  retry: (runId: string, version: 'same' | 'latest') =>
    api<{ retryRunId: string }>(`/api/runs/${encodeURIComponent(runId)}/retry`, {
      method: 'POST',
      body: { version },
    }),
  restart: (runId: string, nodeId?: string) =>
    api<{ nodeId: string }>(`/api/runs/${encodeURIComponent(runId)}/restart`, {
      method: 'POST',
      body: nodeId === undefined ? {} : { nodeId },
    }),
  bulk: (action: 'retry' | 'cancel', selection: { runIds: string[] } | { filter: RunFilterValues }) =>
    api<{ results: BulkResult[] }>(`/api/runs/bulk/${action}`, {
      method: 'POST',
      body: 'runIds' in selection ? selection : { filter: filterBody(selection.filter) },
    }),
  recordRuns: (type: string, id: string) =>
    api<{
      triggered: RunListItem[];
      wrote: Array<{ runId: string; writes: RecordWrites['writes'] }>;
      /** Open runs waiting in flow.waitFor on the record, with what they wait for there. */
      waiting?: Array<RunListItem & { waitingFor: WaitingFor[] }>;
    }>(`/api/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}/runs`),
  runRecords: (runId: string) =>
    api<{ items: RecordWrites[] }>(`/api/runs/${encodeURIComponent(runId)}/records`),
};
