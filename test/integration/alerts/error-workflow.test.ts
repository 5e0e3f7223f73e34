import { WorkflowNotFoundError } from '@temporalio/client';
import { errorRunId } from '../../../workflows/runtime/error-run';
import { eventually } from '../../support/eventually';
import { createPublished, startTriggerApp, type TriggerApp } from '../schedules/trigger-app';

/*
 * Error workflows against the real Temporal dev server, store and worker: a failed run starts its
 * workflow's error workflow once, with the failed run's id, workflow, version, node, error and
 * input; an error run that fails starts none.
 */

let app: TriggerApp;

beforeAll(async () => {
  app = await startTriggerApp('error-workflow');
});

afterAll(async () => {
  await app.close();
});

function failing(name: string, errorWorkflowId: string): object {
  return {
    name,
    settings: { errorWorkflowId },
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'boom', type: 'flow.fail', params: { message: '="order " & $input.orderId & " failed"' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'boom' }],
  };
}

async function published(definition: object): Promise<string> {
  const { workflowId, published } = await createPublished(app, definition);
  expect(published.status).toBe(200);
  return workflowId;
}

async function startRun(workflowId: string, input: unknown): Promise<string> {
  const started = await app.api('POST', `/workflows/${workflowId}/runs`, { input });
  expect(started.status).toBe(201);
  return started.body.runId as string;
}

async function closedRun(runId: string): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const view = await app.api('GET', `/runs/${runId}`);
    const body = view.body as Record<string, unknown>;
    return ['completed', 'failed'].includes(body.status as string) ? body : undefined;
  });
}

async function exists(workflowId: string): Promise<boolean> {
  try {
    await app.services.temporal.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error: unknown) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

test('a failed run starts its error workflow exactly once, with what failed and its input', async () => {
  const handler = await published({
    name: 'Failure handler',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'done', type: 'flow.end', params: { output: '={"report": $input, "trigger": $trigger}' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'done' }],
  });
  const workflowId = await published(failing('Fulfil order', handler));
  await app.services.withWorker(async () => {
    const runId = await startRun(workflowId, { orderId: 'SO-1' });
    const failed = await closedRun(runId);
    expect(failed).toMatchObject({
      status: 'failed',
      error: expect.objectContaining({ message: 'order SO-1 failed' }),
    });
    const errorRun = await closedRun(errorRunId(runId));
    expect(errorRun).toMatchObject({ workflowId: handler, version: 1, status: 'completed' });
    const result = errorRun.result as { output?: unknown };
    expect(result.output ?? result).toEqual({
      report: {
        runId,
        workflowId,
        version: 1,
        nodeId: 'boom',
        error: { message: 'order SO-1 failed', code: 'flow_fail' },
        input: { orderId: 'SO-1' },
      },
      trigger: { event: 'error', failedRunId: runId },
    });
    const handlerRuns = await eventually(async () => {
      const listed = await app.api('GET', `/runs?workflowId=${handler}`);
      return listed.body.items.length > 0 ? (listed.body.items as Array<{ runId: string }>) : undefined;
    });
    expect(handlerRuns.map((run) => run.runId)).toEqual([errorRunId(runId)]);
  });
});

test('an error workflow that fails starts no error run of its own, even when it names itself', async () => {
  const selfNaming = await published({
    ...failing('Failing handler', 'placeholder'),
    settings: {},
  });
  // Now that its id is known, the handler names itself as its own error workflow.
  const draft = await app.api('GET', `/workflows/${selfNaming}`);
  const updated = await app.api('PUT', `/workflows/${selfNaming}`, {
    ...(draft.body.draft as object),
    settings: { errorWorkflowId: selfNaming },
  });
  expect(updated.status).toBe(200);
  expect((await app.api('POST', `/workflows/${selfNaming}/publish`)).status).toBe(200);
  const workflowId = await published(failing('Ship order', selfNaming));
  await app.services.withWorker(async () => {
    const runId = await startRun(workflowId, { orderId: 'SO-2' });
    expect(await closedRun(runId)).toMatchObject({ status: 'failed' });
    const errorRun = await closedRun(errorRunId(runId));
    expect(errorRun).toMatchObject({ workflowId: selfNaming, version: 2, status: 'failed' });
    // The error run started its children before it failed: there are none.
    expect(await exists(errorRunId(errorRunId(runId)))).toBe(false);
  });
});
