import type { Client } from '@temporalio/client';
import {
  NotPublishedError,
  recordLabel,
  runSearchAttributes,
  startRun,
  type WorkflowStore,
} from '../../../domain/workflows';
import { HttpError } from '../../http/http-error';
import { runStatusOf } from './run-status';
import { readStartInput } from './run-start-input';
import { describeRun } from './run-view';

/** Which version a retry runs: the one the failed run ran, or the workflow's published one. */
export type RetryVersion = 'same' | 'latest';

export interface RetryDeps {
  temporal: Client;
  workflows: WorkflowStore;
  taskQueue: string;
}

/** What a retry started. */
export interface RetryOutcome {
  runId: string;
  retryRunId: string;
  workflowId: string;
  version: number;
}

/**
 * Retries a closed run: a new run of the same workflow from the same start node with the same
 * `$trigger` and `$input`, on the version the run had or on the published one. An open run is
 * refused (409), so a retry never runs beside the run it repeats.
 */
export async function retryRun(deps: RetryDeps, runId: string, which: RetryVersion): Promise<RetryOutcome> {
  const { description } = await describeRun(deps.temporal, runId);
  const status = runStatusOf(description.status.name);
  if (status === 'running') throw new HttpError('conflict', `run ${runId} is still running; cancel it first`);
  const started = await readStartInput(deps.temporal, runId);
  if (started === undefined) throw new HttpError('conflict', `the input of run ${runId} cannot be read`);
  const version =
    which === 'same'
      ? await deps.workflows.getVersion(started.workflowId, started.version)
      : await deps.workflows.getPublished(started.workflowId);
  if (version === undefined) throw new NotPublishedError(`workflow ${started.workflowId} is not published`);
  const start = version.definition.nodes.find((node) => node.id === started.startNodeId && !node.disabled);
  if (!start) {
    throw new HttpError(
      'conflict',
      `version ${version.version} of workflow ${started.workflowId} has no node ${started.startNodeId} to start from`,
    );
  }
  const attributes = description.typedSearchAttributes;
  const entityType = attributes.get(runSearchAttributes.recordType);
  const entityId = attributes.get(runSearchAttributes.recordId);
  const trigger = started.trigger as { entity?: unknown } | null | undefined;
  const retryRunId = await startRun(deps.temporal, {
    version,
    startNodeId: start.id,
    triggerKind: attributes.get(runSearchAttributes.trigger) ?? 'manual',
    trigger: started.trigger,
    input: started.input,
    taskQueue: deps.taskQueue,
    memo: { retryOf: runId },
    ...(entityType === undefined || entityId === undefined
      ? {}
      : { record: { entityType, entityId, label: recordLabel(trigger?.entity) } }),
  });
  return { runId, retryRunId, workflowId: version.workflowId, version: version.version };
}
