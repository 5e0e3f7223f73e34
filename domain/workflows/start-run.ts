import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import { searchAttributeNames } from '../../schemas/vocabulary';
import { runWorkflowType, type RunAuthority, type RunInput } from '../../workflows/runtime/run-contract';
import type { WorkflowVersionDocument } from './workflow-documents';
import { runTitle, type RunRecord } from './run-title';

/**
 * The search attributes of runs, so the runs list can filter by workflow, version, trigger and
 * record, search titles, and find the node a failed run stopped at (which the run sets itself).
 */
export const runSearchAttributes = {
  workflowId: defineSearchAttributeKey(searchAttributeNames.workflowId, SearchAttributeType.KEYWORD),
  version: defineSearchAttributeKey(searchAttributeNames.version, SearchAttributeType.INT),
  trigger: defineSearchAttributeKey(searchAttributeNames.trigger, SearchAttributeType.KEYWORD),
  recordType: defineSearchAttributeKey(searchAttributeNames.recordType, SearchAttributeType.KEYWORD),
  recordId: defineSearchAttributeKey(searchAttributeNames.recordId, SearchAttributeType.KEYWORD),
  title: defineSearchAttributeKey(searchAttributeNames.title, SearchAttributeType.TEXT),
  failedNode: defineSearchAttributeKey(searchAttributeNames.failedNode, SearchAttributeType.KEYWORD),
};

export interface StartRunRequest {
  /** The published version the run keeps, whatever is published later. */
  version: WorkflowVersionDocument;
  startNodeId: string;
  /** `manual`, `entity`, `schedule`, `webhook`, …: for the runs list filter. */
  triggerKind: string;
  /** `$trigger` inside the run. */
  trigger: unknown;
  /** `$input` inside the run. */
  input: unknown;
  /** The Temporal workflow id; a trigger passes one derived from its event so it starts once. */
  runId?: string;
  taskQueue: string;
  /**
   * Refuse a runId that was ever used, even by a closed run, instead of Temporal's default of
   * allowing a new run once the old one closed: an idempotent trigger's run then starts once.
   * The start throws `WorkflowExecutionAlreadyStartedError` for a duplicate.
   */
  startOnce?: boolean;
  /** Temporal memo: facts about the run its starter reads back later (a trigger's chain depth). */
  memo?: Record<string, unknown>;
  /** The record the run is about (an entity trigger's record), for its title and the record filter. */
  record?: RunRecord;
}

/**
 * The search attributes of a run of `version` started by `triggerKind`, for starts that do not go
 * through {@link startRun} (a Temporal Schedule's action).
 */
export function runSearchAttributePairs(
  version: Pick<WorkflowVersionDocument, 'workflowId' | 'version' | 'definition'>,
  triggerKind: string,
  record?: RunRecord,
): SearchAttributePair[] {
  return [
    { key: runSearchAttributes.workflowId, value: version.workflowId },
    { key: runSearchAttributes.version, value: version.version },
    { key: runSearchAttributes.trigger, value: triggerKind },
    { key: runSearchAttributes.title, value: runTitle(version.definition.name, record) },
    ...(record === undefined
      ? []
      : [
          { key: runSearchAttributes.recordType, value: record.entityType },
          { key: runSearchAttributes.recordId, value: record.entityId },
        ]),
  ];
}

/** The run input's `authority`: the version's publisher, when the version records one. */
export function runAuthorityOf(version: Pick<WorkflowVersionDocument, 'runAs'>): {
  authority?: RunAuthority;
} {
  return version.runAs === undefined ? {} : { authority: version.runAs };
}

/**
 * Starts one run of a published version as a Temporal workflow execution and returns its runId
 * (the execution's workflow id, `run-<uuid>` unless the caller derives its own).
 *
 * @example
 * const runId = await startRun(temporal, { version, startNodeId: 'start', triggerKind: 'manual',
 *   trigger: { event: 'manual' }, input: {}, taskQueue: 'ledgerline' });
 */
export async function startRun(temporal: Client, request: StartRunRequest): Promise<string> {
  const runId = request.runId ?? `run-${randomUUID()}`;
  const { version } = request;
  const input: RunInput = {
    workflowId: version.workflowId,
    version: version.version,
    definition: version.definition,
    startNodeId: request.startNodeId,
    trigger: request.trigger,
    input: request.input,
    startedAt: new Date().toISOString(),
    ...runAuthorityOf(version),
  };
  await temporal.workflow.start(runWorkflowType, {
    workflowId: runId,
    taskQueue: request.taskQueue,
    args: [input],
    typedSearchAttributes: runSearchAttributePairs(version, request.triggerKind, request.record),
    // Room for an activation that does its full share of paced expression work on a busy worker.
    workflowTaskTimeout: '60 seconds',
    ...(request.startOnce ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
    ...(request.memo === undefined ? {} : { memo: request.memo }),
  });
  return runId;
}
