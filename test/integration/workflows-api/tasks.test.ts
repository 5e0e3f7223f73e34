import type { TaskDocument } from '../../../domain/tasks';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * The inbox and the checks a completion passes before it reaches the run, on task documents as the
 * worker writes them. A completion the run accepts is in run-execution.test.ts, with a worker.
 */

let api: WorkflowApi;

const formSchema = {
  type: 'object',
  required: ['amount'],
  properties: { amount: { type: 'integer', minimum: 1 }, reason: { type: 'string', maxLength: 10 } },
};

function task(overrides: Partial<TaskDocument> & Pick<TaskDocument, '_id'>): TaskDocument {
  return {
    runId: 'run-that-does-not-exist',
    workflowId: 'wf-tasks',
    nodeId: 'approve',
    visit: 1,
    kind: 'approval',
    assigneeRole: 'finance',
    title: 'Approve the purchase',
    formSchema,
    status: 'open',
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

beforeAll(async () => {
  api = await startWorkflowApi('workflows-tasks');
  await api.services.db.collection<TaskDocument>('tasks').insertMany([
    task({ _id: 'finance-open' }),
    task({
      _id: 'finance-done',
      status: 'completed',
      outcome: 'approved',
      createdAt: '2026-11-23T09:00:00.000Z',
    }),
    task({ _id: 'sales-open', assigneeRole: 'sales', kind: 'task', createdAt: '2026-11-23T11:00:00.000Z' }),
    task({ _id: 'escalated', assigneeRole: 'sales', escalatedTo: 'salesManager', runId: 'run-other' }),
  ]);
});

afterAll(async () => {
  await api.close();
});

const ids = (body: { items: Array<{ _id: string }> }) => body.items.map((item) => item._id);

describe('the inbox', () => {
  test('mine=true lists the tasks of the caller roles, including escalations, newest first (then by id)', async () => {
    const finance = await api.request('GET', '/tasks?status=open&mine=true', undefined, { as: ['finance'] });
    expect(finance.status).toBe(200);
    expect(ids(finance.body)).toEqual(['finance-open']);
    const manager = await api.request('GET', '/tasks?status=open&mine=true', undefined, {
      as: ['salesManager'],
    });
    expect(ids(manager.body)).toEqual(['escalated']);
    const everything = await api.request('GET', '/tasks', undefined, { as: ['viewer'] });
    expect(ids(everything.body)).toEqual(['sales-open', 'escalated', 'finance-open', 'finance-done']);
    const byRun = await api.request('GET', '/tasks?runId=run-other');
    expect(ids(byRun.body)).toEqual(['escalated']);
  });

  test('list parameters are checked', async () => {
    const response = await api.request('GET', '/tasks?status=done&mine=yes&limit=1000');
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: 'status', message: 'must be one of: open, completed, cancelled' },
      { path: 'mine', message: 'must be true or false' },
      { path: 'limit', message: 'must be an integer from 1 to 200' },
    ]);
  });

  test('one task, or 404', async () => {
    const response = await api.request('GET', '/tasks/finance-open');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      _id: 'finance-open',
      assigneeRole: 'finance',
      status: 'open',
      formSchema,
    });
    expect((await api.request('GET', '/tasks/nope')).status).toBe(404);
  });
});

describe('completing a task', () => {
  const approve = { outcome: 'approved', data: { amount: 5 } };

  test('404 for an unknown task', async () => {
    const response = await api.request('POST', '/tasks/nope/complete', approve, { as: ['finance'] });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('task nope does not exist');
  });

  test('403 unless the caller holds the assignee role', async () => {
    const response = await api.request('POST', '/tasks/finance-open/complete', approve, { as: ['sales'] });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({
      code: 'forbidden',
      message: 'task finance-open is assigned to the role finance',
      details: [],
    });
  });

  test('400 with paths for an outcome or data that do not fit', async () => {
    const badOutcome = await api.request(
      'POST',
      '/tasks/finance-open/complete',
      { outcome: 'completed', data: { amount: 5 } },
      { as: ['finance'] },
    );
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.error.details).toEqual([
      { path: 'outcome', message: 'must be one of: approved, rejected' },
    ]);

    const badData = await api.request(
      'POST',
      '/tasks/finance-open/complete',
      { outcome: 'approved', data: { amount: 0, reason: 'far too long a reason' } },
      { as: ['finance'] },
    );
    expect(badData.status).toBe(400);
    expect(badData.body.error).toEqual({
      code: 'validation_failed',
      message: 'data does not match the task form',
      details: [
        { path: 'data.amount', message: 'must be >= 1' },
        { path: 'data.reason', message: 'must NOT have more than 10 characters' },
      ],
    });

    const noData = await api.request(
      'POST',
      '/tasks/finance-open/complete',
      { outcome: 'rejected' },
      { as: ['finance'] },
    );
    expect(noData.body.error.details).toEqual([{ path: 'data.amount', message: 'is required' }]);

    const badBody = await api.request(
      'POST',
      '/tasks/finance-open/complete',
      { data: [], x: 1 },
      { as: ['finance'] },
    );
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.details).toEqual([
      { path: 'x', message: 'is not an allowed property' },
      { path: 'outcome', message: 'is required and must be a string' },
      { path: 'data', message: 'must be an object' },
    ]);
  });

  test('400 for data field names the store cannot hold', async () => {
    const response = await api.request(
      'POST',
      '/tasks/finance-open/complete',
      { outcome: 'approved', data: { amount: 2, note: { $gt: '' } } },
      { as: ['finance'] },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: 'data.note.$gt', message: 'field names may not start with $ or contain .' },
    ]);
  });

  test('409 for a task that is no longer open', async () => {
    const response = await api.request('POST', '/tasks/finance-done/complete', approve, { as: ['finance'] });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe('task finance-done is already completed');
  });

  test('409 when the run has ended, and the task stays open', async () => {
    const response = await api.request('POST', '/tasks/finance-open/complete', approve, { as: ['admin'] });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe(
      'the run run-that-does-not-exist of task finance-open has ended',
    );
    expect((await api.request('GET', '/tasks/finance-open')).body.status).toBe('open');
  });
});
