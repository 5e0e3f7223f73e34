import { runWorkflowType } from '../../../workflows/runtime/run-contract';
import entityTriggered from './fixtures/entity-triggered.json';
import manualApproval from './fixtures/manual-approval.json';
import quickEnd from './fixtures/quick-end.json';
import { eventually } from '../../support/eventually';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * Starting, listing, reading and cancelling runs, with no worker polling the task queue: these answers
 * come from Temporal alone. What needs the interpreter running is in run-execution.test.ts.
 */

let api: WorkflowApi;
const started: string[] = [];

beforeAll(async () => {
  api = await startWorkflowApi('workflows-runs');
});

afterAll(async () => {
  // Nothing will ever run these; do not leave them open in the dev server.
  await Promise.all(
    started.map((runId) =>
      api.services.temporal.workflow
        .getHandle(runId)
        .terminate('test cleanup')
        .catch(() => undefined),
    ),
  );
  await api.close();
});

async function published(definition: object): Promise<string> {
  const created = await api.request('POST', '/workflows', definition);
  const id = created.body._id as string;
  expect((await api.request('POST', `/workflows/${id}/publish`)).status).toBe(200);
  return id;
}

async function start(id: string, input: unknown): Promise<string> {
  const response = await api.request('POST', `/workflows/${id}/runs`, { input }, { as: ['finance'] });
  expect(response.status).toBe(201);
  started.push(response.body.runId as string);
  return response.body.runId as string;
}

describe('starting a manual run', () => {
  test('starts the published version with search attributes and answers 201 {runId}', async () => {
    const id = await published(manualApproval);
    const response = await api.request(
      'POST',
      `/workflows/${id}/runs`,
      { input: { amount: 5 } },
      { as: ['finance'] },
    );
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      runId: expect.stringMatching(/^run-[0-9a-f-]{36}$/),
      workflowId: id,
      version: 1,
    });
    const runId = response.body.runId as string;
    started.push(runId);
    expect(response.headers.get('location')).toBe(`/api/runs/${runId}`);

    const description = await api.services.temporal.workflow.getHandle(runId).describe();
    expect(description.type).toBe(runWorkflowType);
    expect(description.taskQueue).toBe(api.services.taskQueue);
    expect(description.searchAttributes).toMatchObject({
      LedgerlineWorkflowId: [id],
      LedgerlineVersion: [1],
      LedgerlineTrigger: ['manual'],
      LedgerlineTitle: ['Purchase approval'],
    });
  });

  test('checks the input against the trigger input schema', async () => {
    const id = await published(manualApproval);
    const response = await api.request(
      'POST',
      `/workflows/${id}/runs`,
      { input: { amount: -1, extra: true } },
      { as: ['finance'] },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'validation_failed',
      message: 'input does not match the input schema',
      details: [
        { path: 'input.extra', message: 'is not an allowed property' },
        { path: 'input.amount', message: 'must be >= 0' },
      ],
    });
    const missing = await api.request('POST', `/workflows/${id}/runs`, {}, { as: ['finance'] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ path: 'input.amount', message: 'is required' }]);
    const wrongBody = await api.request('POST', `/workflows/${id}/runs`, { inputs: {} }, { as: ['finance'] });
    expect(wrongBody.status).toBe(400);
    expect(wrongBody.body.error.details).toEqual([{ path: 'inputs', message: 'is not an allowed property' }]);
  });

  test('refuses what cannot be run', async () => {
    const draft = await api.request('POST', '/workflows', quickEnd);
    const unpublished = await api.request('POST', `/workflows/${draft.body._id}/runs`, { input: {} });
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.error.message).toBe(`workflow ${draft.body._id} is not published`);

    const entityOnly = await published(entityTriggered);
    const noManual = await api.request('POST', `/workflows/${entityOnly}/runs`, { input: {} });
    expect(noManual.status).toBe(400);
    expect(noManual.body.error.message).toBe(
      `version 1 of workflow ${entityOnly} has no trigger.manual node, so it cannot be started by hand`,
    );

    expect((await api.request('POST', '/workflows/nope/runs', { input: {} })).status).toBe(404);
    const id = await published(quickEnd);
    expect(
      (await api.request('POST', `/workflows/${id}/runs`, { input: {} }, { as: ['viewer'] })).status,
    ).toBe(403);
  });
});

describe('reading runs', () => {
  test('the list filters by workflow and status through Temporal visibility', async () => {
    const id = await published(quickEnd);
    const runId = await start(id, { message: 'hi' });
    const items = await eventually(async () => {
      const response = await api.request('GET', `/runs?workflowId=${id}&status=running`, undefined, {
        as: ['viewer'],
      });
      expect(response.status).toBe(200);
      return response.body.items.length > 0 ? (response.body.items as unknown[]) : undefined;
    });
    expect(items).toEqual([
      {
        runId,
        workflowId: id,
        version: 1,
        trigger: 'manual',
        status: 'running',
        startedAt: expect.any(String),
        closedAt: null,
        title: 'Echo',
        record: null,
        failedNode: null,
      },
    ]);
    const completed = await api.request('GET', `/runs?workflowId=${id}&status=completed`);
    expect(completed.body).toEqual({ items: [], nextCursor: null });
  });

  test('list parameters are checked', async () => {
    const response = await api.request('GET', '/runs?workflowId=a"%20OR%20x&status=done&limit=0');
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: 'workflowId', message: 'must be a workflow id' },
      {
        path: 'status',
        message:
          'must be one of: running, completed, failed, cancelled, terminated, timedOut, continuedAsNew',
      },
      { path: 'limit', message: 'must be an integer from 1 to 200' },
    ]);
  });

  test('one run shows its workflow, version and status; the trace needs a worker', async () => {
    const id = await published(quickEnd);
    const runId = await start(id, { message: 'hi' });
    const response = await api.request('GET', `/runs/${runId}`, undefined, { as: ['viewer'] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      runId,
      workflowId: id,
      version: 1,
      trigger: 'manual',
      status: 'running',
      closedAt: null,
      trace: [],
      traceError: expect.stringMatching(/^the trace could not be read: /),
      result: null,
      error: null,
    });
  });

  test('unknown runs and other workflow types are 404', async () => {
    expect((await api.request('GET', '/runs/run-unknown')).status).toBe(404);
    expect((await api.request('POST', '/runs/run-unknown/cancel')).status).toBe(404);
    const other = `not-a-run-${Date.now()}`;
    await api.services.temporal.workflow.start('selfCheckWorkflow', {
      workflowId: other,
      taskQueue: api.services.taskQueue,
      args: ['x'],
    });
    started.push(other);
    expect((await api.request('GET', `/runs/${other}`)).status).toBe(404);
  });
});

describe('cancelling runs', () => {
  test('202 for an open run, 409 once it has closed, 403 without the run permission or for a run another user started', async () => {
    const id = await published(quickEnd);
    const runId = await start(id, {});
    expect((await api.request('POST', `/runs/${runId}/cancel`, undefined, { as: ['viewer'] })).status).toBe(
      403,
    );
    // Another user with the run permission may not cancel it; its starter, or an operator, may.
    const refused = await api.request('POST', `/runs/${runId}/cancel`, undefined, { as: ['sales'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `Your roles (sales) may cancel or retry only the runs you started; run ${runId} was started by another user, which needs operate on workflows`,
    );
    expect((await api.request('POST', `/runs/${runId}/retry`, {}, { as: ['sales'] })).status).toBe(403);
    const cancelled = await api.request('POST', `/runs/${runId}/cancel`, undefined, { as: ['finance'] });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toEqual({ runId, status: 'cancelling' });

    await api.services.temporal.workflow.getHandle(runId).terminate('closing it for the test');
    const again = await api.request('POST', `/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`run ${runId} is already terminated`);
    const view = await api.request('GET', `/runs/${runId}`);
    expect(view.body).toMatchObject({ status: 'terminated', closedAt: expect.any(String), result: null });
    expect(view.body.error).toMatchObject({ message: 'closing it for the test' });
  });
});
