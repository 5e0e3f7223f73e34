import type { WebhookCredentials } from './lifecycle/webhook-api';
import type { WaitingFor } from '../../../domain/workflows/describe-wait';
import { api, ApiError, errorMessage } from '../api/api-client';
import type { WorkflowDocument, WorkflowVersionDocument } from '../../../domain/workflows/workflow-documents';
import type { NodeTypeDescription, TraceEntry, ValidationError, WorkflowDefinition } from './model/core';

/** A workflow as the API returns it: the store's document (draft, revision, published version). */
export type WorkflowDoc = WorkflowDocument;
export type WorkflowSummary = Omit<WorkflowDocument, 'draft'>;
export type VersionDoc = WorkflowVersionDocument;
export type VersionSummary = Omit<WorkflowVersionDocument, 'definition'>;

/** A template of `GET /api/templates`; with `paramsSchema`, install takes `{params}` valid against it. */
export interface TemplateSummary {
  name: string;
  title: string;
  description: string;
  paramsSchema?: Record<string, unknown>;
}

export type RunStatus =
  'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timedOut' | 'continuedAsNew' | 'unknown';

export interface RunSummary {
  runId: string;
  workflowId: string | null;
  version: number | null;
  trigger: string | null;
  status: RunStatus;
  startedAt: string;
  closedAt: string | null;
}

export interface RunView extends RunSummary {
  /** The workflow name and the record's label. */
  title?: string | null;
  record?: { entityType: string; entityId: string } | null;
  /** The node a failed run stopped at. */
  failedNode?: string | null;
  trace: TraceEntry[];
  traceError?: string;
  /** The run's `$input`, when the server could read it. */
  input?: unknown;
  result: unknown;
  error: { type: string; message: string } | null;
  /** This run in the Temporal Web UI, when the server knows the UI's address. */
  temporalUrl?: string | null;
  /** What each waiting flow.waitFor visit waits for, in words. */
  waitingFor?: WaitingFor[];
}

const base = '/api/workflows';
const workflowUrl = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const workflowApi = {
  nodeTypes: () => api<NodeTypeDescription[]>('/api/node-types'),
  list: () => api<{ items: WorkflowSummary[] }>(base).then((body) => body.items),
  get: (id: string) => api<WorkflowDoc>(workflowUrl(id)),
  create: (definition: WorkflowDefinition) => api<WorkflowDoc>(base, { method: 'POST', body: definition }),
  /** Saves the draft if it is still at `revision`; a stale revision answers 412. */
  save: (id: string, definition: WorkflowDefinition, revision: number) =>
    api<WorkflowDoc>(workflowUrl(id), {
      method: 'PUT',
      body: definition,
      headers: { 'If-Match': `"${revision}"` },
    }),
  archive: (id: string, revision: number) =>
    api<undefined>(workflowUrl(id), { method: 'DELETE', headers: { 'If-Match': `"${revision}"` } }),
  /** Runs the shared meaning checks on an unsaved definition. */
  validate: (id: string, definition: WorkflowDefinition) =>
    api<{ valid: boolean; errors: ValidationError[] }>(`${workflowUrl(id)}/validate`, {
      method: 'POST',
      body: definition,
    }),
  /** Publishes the draft; a webhook trigger published for the first time comes with its secrets, once. */
  publish: (id: string) =>
    api<{ workflowId: string; version: number; publishedAt: string; webhooks?: WebhookCredentials[] }>(
      `${workflowUrl(id)}/publish`,
      { method: 'POST' },
    ),
  unpublish: (id: string) => api<{ workflowId: string }>(`${workflowUrl(id)}/unpublish`, { method: 'POST' }),
  versions: (id: string) =>
    api<{ items: VersionSummary[] }>(`${workflowUrl(id)}/versions`).then((body) => body.items),
  version: (id: string, version: number) => api<VersionDoc>(`${workflowUrl(id)}/versions/${version}`),
  startRun: (id: string, input: unknown) =>
    api<{ runId: string; version: number }>(`${workflowUrl(id)}/runs`, { method: 'POST', body: { input } }),
  runs: (id: string) =>
    api<{ items: RunSummary[] }>(`/api/runs?workflowId=${encodeURIComponent(id)}&limit=50`).then(
      (body) => body.items,
    ),
  run: (runId: string) => api<RunView>(`/api/runs/${encodeURIComponent(runId)}`),
  cancelRun: (runId: string) =>
    api<unknown>(`/api/runs/${encodeURIComponent(runId)}/cancel`, { method: 'POST' }),
  templates: () => api<TemplateSummary[]>('/api/templates'),
  installTemplate: (name: string, params?: unknown) =>
    api<WorkflowDoc>(`/api/templates/${encodeURIComponent(name)}/install`, {
      method: 'POST',
      ...(params === undefined ? {} : { body: { params } }),
    }),
};

/** An API error in one sentence, with its field details. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const details = error.details.map((detail) =>
    detail.path ? `${detail.path}: ${detail.message}` : detail.message,
  );
  return details.length > 0 ? `${error.message}: ${details.slice(0, 5).join('; ')}` : error.message;
}
