import type { Client } from '@temporalio/client';
import {
  NotPublishedError,
  startRun,
  validateAgainstSchema,
  type WorkflowStore,
} from '../../../domain/workflows';
import type { Actor } from '../../auth/actor';
import { HttpError } from '../../http/http-error';

export interface ManualRunDeps {
  workflows: WorkflowStore;
  temporal: Client;
  taskQueue: string;
}

/** The body of `POST /workflows/:id/runs`: `{input?}`, where input defaults to `{}`. */
function readInput(body: unknown): unknown {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('bad_request', 'request body must be a JSON object', [
      { path: '', message: 'must be a JSON object such as {"input": {}}' },
    ]);
  }
  const unknown = Object.keys(body).filter((key) => key !== 'input');
  if (unknown.length > 0) {
    throw new HttpError(
      'bad_request',
      'request body may only hold input',
      unknown.map((key) => ({ path: key, message: 'is not an allowed property' })),
    );
  }
  return (body as { input?: unknown }).input ?? {};
}

/**
 * Starts a manual run of a workflow's published version from its `trigger.manual` node, after
 * checking the input against that node's `inputSchema`. Returns the new run's id and version.
 */
export async function startManualRun(
  deps: ManualRunDeps,
  workflowId: string,
  body: unknown,
  actor: Actor,
): Promise<{ runId: string; workflowId: string; version: number }> {
  const input = readInput(body);
  const published = await deps.workflows.getPublished(workflowId);
  if (!published) throw new NotPublishedError(`workflow ${workflowId} is not published`);
  const start = published.definition.nodes.find((node) => node.type === 'trigger.manual' && !node.disabled);
  if (!start) {
    throw new HttpError(
      'bad_request',
      `version ${published.version} of workflow ${workflowId} has no trigger.manual node, so it cannot be started by hand`,
    );
  }
  const schema = start.params.inputSchema;
  if (typeof schema === 'object' && schema !== null) {
    const issues = validateAgainstSchema(schema, input, 'input');
    if (issues.length > 0)
      throw new HttpError('validation_failed', 'input does not match the input schema', issues);
  }
  const runId = await startRun(deps.temporal, {
    version: published,
    startNodeId: start.id,
    triggerKind: 'manual',
    trigger: { event: 'manual', startedBy: { userId: actor.userId, email: actor.email } },
    input,
    taskQueue: deps.taskQueue,
  });
  return { runId, workflowId, version: published.version };
}
