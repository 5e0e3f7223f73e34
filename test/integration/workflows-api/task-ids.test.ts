import { taskIdFor, type TaskDocument } from '../../../domain/tasks';
import manualApproval from './fixtures/manual-approval.json';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * Task ids are URL-safe: a client can put one in a path as it is. A task created before (whose id
 * is the run's key, `<runId>/<nodeId>/<visit>`) is still found and completed, encoded or not.
 */

let api: WorkflowApi;
beforeAll(async () => {
  api = await startWorkflowApi('workflows-task-ids');
});
afterAll(() => api.close());

async function approvalRun(): Promise<string> {
  const workflowId = (await api.request('POST', '/workflows', manualApproval)).body._id as string;
  expect((await api.request('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
  const started = await api.request('POST', `/workflows/${workflowId}/runs`, { input: { amount: 40 } });
  expect(started.status).toBe(201);
  return started.body.runId as string;
}

const approve = { outcome: 'approved', data: { amount: 40 } };

test('a new task has a URL-safe id, used as is in paths; its old-style key finds it too', async () => {
  await api.services.withWorker(async () => {
    const runId = await approvalRun();
    const task = await api.openTaskOf(runId);
    const key = `${runId}/approve/1`;
    expect(task).toMatchObject({ _id: taskIdFor(key), key, status: 'open' });
    expect(task._id).toMatch(/^[A-Za-z0-9._-]+$/);

    for (const path of [`/tasks/${task._id}`, `/tasks/${key}`, `/tasks/${encodeURIComponent(key)}`]) {
      const response = await api.request('GET', path);
      expect([path, response.status, response.body._id]).toEqual([path, 200, task._id]);
    }
    const done = await api.request('POST', `/tasks/${task._id}/complete`, approve, { as: ['finance'] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ _id: task._id, status: 'completed', outcome: 'approved' });
    await api.runInStatus(runId, 'completed');
  });
});

test('a task stored under its old id (the run key) is read and completed, unencoded or encoded', async () => {
  await api.services.withWorker(async () => {
    const tasks = api.services.db.collection<TaskDocument>('tasks');
    const completeAt: Record<string, string> = {};
    for (const form of ['unencoded', 'encoded']) {
      const runId = await approvalRun();
      const created = await api.openTaskOf(runId);
      // The task as a worker from before URL-safe ids wrote it.
      const key = `${runId}/approve/1`;
      const { key: _key, ...old } = created;
      await tasks.deleteOne({ _id: created._id });
      await tasks.insertOne({ ...old, _id: key });
      const path = form === 'encoded' ? `/tasks/${encodeURIComponent(key)}` : `/tasks/${key}`;
      expect((await api.request('GET', path)).body).toMatchObject({ _id: key, status: 'open' });
      const done = await api.request('POST', `${path}/complete`, approve, { as: ['finance'] });
      expect([form, done.status, done.body._id, done.body.status]).toEqual([form, 200, key, 'completed']);
      completeAt[form] = (await api.runInStatus(runId, 'completed')).body.status as string;
      expect(await tasks.countDocuments({ runId })).toBe(1);
    }
    expect(completeAt).toEqual({ unencoded: 'completed', encoded: 'completed' });
  });
});

test('404 for an unknown id in either form', async () => {
  expect((await api.request('GET', '/tasks/run-x.nope.1')).status).toBe(404);
  const response = await api.request('POST', '/tasks/run-x/nope/1/complete', approve, { as: ['finance'] });
  expect(response.status).toBe(404);
  expect(response.body.error.message).toBe('task run-x/nope/1 does not exist');
});
