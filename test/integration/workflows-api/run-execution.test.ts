import longWait from './fixtures/long-wait.json';
import manualApproval from './fixtures/manual-approval.json';
import quickEnd from './fixtures/quick-end.json';
import { eventually } from '../../support/eventually';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * Runs executed by a real worker on the test's task queue: the interpreter (`interpretedWorkflow`),
 * its trace query, the human-task activities and the `completeTask` update.
 */

let api: WorkflowApi;

beforeAll(async () => {
  api = await startWorkflowApi('workflows-execution');
});

afterAll(async () => {
  await api.close();
});

async function publishedRun(
  definition: object,
  input: unknown,
): Promise<{ workflowId: string; runId: string }> {
  const created = await api.request('POST', '/workflows', definition);
  const workflowId = created.body._id as string;
  expect((await api.request('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
  const started = await api.request('POST', `/workflows/${workflowId}/runs`, { input }, { as: ['sales'] });
  expect(started.status).toBe(201);
  return { workflowId, runId: started.body.runId as string };
}

/** The run's result is the flow.end output, possibly wrapped by the worker as `{output}`. */
function outputOf(result: unknown): unknown {
  return typeof result === 'object' && result !== null && 'output' in result ? result.output : result;
}

test('a manual run completes, with its trace and result readable after it closed', async () => {
  await api.services.withWorker(async () => {
    const { workflowId, runId } = await publishedRun(quickEnd, { message: 'hi' });
    const view = await api.runInStatus(runId, 'completed');
    expect(view.body).toMatchObject({ runId, workflowId, version: 1, status: 'completed', error: null });
    expect(outputOf(view.body.result)).toEqual({ echo: 'hi' });
    expect(
      (view.body.trace as Array<{ nodeId: string; status: string }>).map(({ nodeId, status }) => ({
        nodeId,
        status,
      })),
    ).toEqual([
      { nodeId: 'start', status: 'completed' },
      { nodeId: 'done', status: 'completed' },
    ]);
    const listed = await eventually(async () => {
      const response = await api.request('GET', `/runs?workflowId=${workflowId}&status=completed`);
      return response.body.items.length > 0 ? (response.body.items as unknown[]) : undefined;
    });
    expect(listed).toEqual([
      expect.objectContaining({ runId, status: 'completed', closedAt: expect.any(String) }),
    ]);
  });
});

test('cancel stops a waiting run', async () => {
  await api.services.withWorker(async () => {
    const { runId } = await publishedRun(longWait, {});
    await eventually(async () => {
      const view = await api.request('GET', `/runs/${runId}`);
      const trace = view.body.trace as Array<{ nodeId: string }>;
      return trace.some((entry) => entry.nodeId === 'wait') ? true : undefined;
    });
    expect((await api.request('POST', `/runs/${runId}/cancel`)).status).toBe(202);
    const view = await api.runInStatus(runId, 'cancelled');
    expect(view.body.closedAt).toEqual(expect.any(String));
    expect((await api.request('POST', `/runs/${runId}/cancel`)).status).toBe(409);
  });
});

test('an approval is completed through the API once, by its role, and the run goes on', async () => {
  await api.services.withWorker(async () => {
    const { runId } = await publishedRun(manualApproval, { amount: 250 });
    const task = await api.openTaskOf(runId);
    expect(task).toMatchObject({
      kind: 'approval',
      assigneeRole: 'finance',
      nodeId: 'approve',
      status: 'open',
    });

    const inbox = await api.request('GET', '/tasks?status=open&mine=true', undefined, { as: ['finance'] });
    expect((inbox.body.items as Array<{ _id: string }>).map((item) => item._id)).toContain(task._id);

    const complete = (body: unknown, roles: Parameters<WorkflowApi['request']>[3]) =>
      api.request('POST', `/tasks/${encodeURIComponent(task._id)}/complete`, body, roles);
    expect((await complete({ outcome: 'approved', data: { amount: 250 } }, { as: ['sales'] })).status).toBe(
      403,
    );
    const invalid = await complete({ outcome: 'approved', data: { amount: 0 } }, { as: ['finance'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual([{ path: 'data.amount', message: 'must be >= 1' }]);

    const done = await complete(
      { outcome: 'approved', data: { amount: 250 }, comment: 'ok' },
      { as: ['finance'] },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      _id: task._id,
      status: 'completed',
      outcome: 'approved',
      data: { amount: 250 },
      completedBy: { userId: 'u-finance', email: 'finance@example.com' },
    });
    const again = await complete({ outcome: 'rejected', data: { amount: 250 } }, { as: ['finance'] });
    expect(again.status).toBe(409);
    // The same completion sent again (its first answer lost) answers as the first did, once.
    const repeated = await complete(
      { outcome: 'approved', data: { amount: 250 }, comment: 'ok' },
      { as: ['finance'] },
    );
    expect(repeated).toMatchObject({
      status: 200,
      body: { _id: task._id, status: 'completed', outcome: 'approved' },
    });
    expect((await complete({ outcome: 'approved', data: { amount: 250 } }, { as: ['admin'] })).status).toBe(
      409,
    );

    const view = await api.runInStatus(runId, 'completed');
    expect(outputOf(view.body.result)).toEqual({ approved: true, amount: 250 });
    const audit = await api.services.db
      .collection('audit')
      .find({ action: 'task.completed', resourceId: task._id })
      .toArray();
    expect(audit).toEqual([
      expect.objectContaining({ actor: { userId: 'u-finance' }, resource: 'task', runId }),
    ]);
  });
});

test('cancelling a run cancels its open task, which then cannot be completed', async () => {
  await api.services.withWorker(async () => {
    const { runId } = await publishedRun(manualApproval, { amount: 3 });
    const task = await api.openTaskOf(runId);
    expect((await api.request('POST', `/runs/${runId}/cancel`)).status).toBe(202);
    await api.runInStatus(runId, 'cancelled');
    const cancelled = await eventually(async () => {
      const response = await api.request('GET', `/tasks/${encodeURIComponent(task._id)}`);
      return response.body.status === 'cancelled' ? response : undefined;
    });
    expect(cancelled.body.status).toBe('cancelled');
    const late = await api.request(
      'POST',
      `/tasks/${encodeURIComponent(task._id)}/complete`,
      { outcome: 'approved', data: { amount: 3 } },
      { as: ['finance'] },
    );
    expect(late.status).toBe(409);
  });
});

test('of two concurrent completions the run accepts one; the other gets 409', async () => {
  await api.services.withWorker(async () => {
    const { runId } = await publishedRun(manualApproval, { amount: 7 });
    const task = await api.openTaskOf(runId);
    const path = `/tasks/${encodeURIComponent(task._id)}/complete`;
    const responses = await Promise.all([
      api.request('POST', path, { outcome: 'approved', data: { amount: 7 } }, { as: ['finance'] }),
      api.request('POST', path, { outcome: 'rejected', data: { amount: 7 } }, { as: ['admin'] }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = responses.find((r) => r.status === 200)!;
    const view = await api.runInStatus(runId, 'completed');
    expect(outputOf(view.body.result)).toEqual(
      winner.body.outcome === 'approved' ? { approved: true, amount: 7 } : { approved: false },
    );
    const stored = await api.request('GET', `/tasks/${encodeURIComponent(task._id)}`);
    expect(stored.body).toMatchObject({ status: 'completed', outcome: winner.body.outcome });
  });
});
