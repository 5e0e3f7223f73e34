import { createEntityRepository } from '../../../domain/entities';
import { startWorkflowApi, type WorkflowApi } from '../workflows-api/workflows-api-fixture';
import accountReview from './fixtures/account-review.json';
import ticketAnswer from './fixtures/ticket-answer.json';

/*
 * The `related` param of human.approval and human.task: resolved by the run, stored on the task by
 * the worker's activity, returned by the task API (so the inbox can show the record and its customer).
 */

let api: WorkflowApi;
let accountId: string;
let ticketId: string;

beforeAll(async () => {
  api = await startWorkflowApi('tasks-related');
  const repo = createEntityRepository(api.services.db);
  const actor = { actor: { userId: 'seed' }, roles: ['admin'] as const };
  const account = await repo.create(
    'account',
    { name: 'Nordwind Traders', type: 'customer', status: 'active', currency: 'EUR', paymentTerms: 'net30' },
    actor,
  );
  accountId = account.record._id;
  const ticket = await repo.create(
    'ticket',
    {
      subject: 'Invoice total looks wrong',
      status: 'new',
      priority: 'high',
      category: 'billing',
      assigneeRole: 'support',
      accountId,
    },
    actor,
  );
  ticketId = ticket.record._id;
});

afterAll(async () => {
  await api.close();
});

async function publishedRun(definition: object, input: unknown): Promise<string> {
  const created = await api.request('POST', '/workflows', definition);
  expect(created.status).toBe(201);
  const workflowId = created.body._id as string;
  const published = await api.request('POST', `/workflows/${workflowId}/publish`);
  expect(published.body).toMatchObject({ version: 1 });
  const started = await api.request('POST', `/workflows/${workflowId}/runs`, { input }, { as: ['admin'] });
  expect(started.status).toBe(201);
  return started.body.runId as string;
}

test('an approval created by a run carries the related account, and the task API returns it', async () => {
  await api.services.withWorker(async () => {
    const runId = await publishedRun(accountReview, { accountId, limit: 50_000 });
    const stored = await api.openTaskOf(runId);
    expect(stored).toMatchObject({
      kind: 'approval',
      assigneeRole: 'salesManager',
      title: 'Raise the credit limit to 50000',
      related: { entityType: 'account', id: accountId },
    });

    const one = await api.request('GET', `/tasks/${encodeURIComponent(stored._id)}`, undefined, {
      as: ['salesManager'],
    });
    expect(one.status).toBe(200);
    expect(one.body.related).toEqual({ entityType: 'account', id: accountId });
    const inbox = await api.request('GET', '/tasks?status=open&mine=true', undefined, {
      as: ['salesManager'],
    });
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ _id: stored._id, related: { entityType: 'account', id: accountId } }),
    ]);

    const done = await api.request(
      'POST',
      `/tasks/${encodeURIComponent(stored._id)}/complete`,
      { outcome: 'approved', comment: 'Pays on time' },
      { as: ['salesManager'] },
    );
    expect(done.status).toBe(200);
    // Completion keeps the context for the history.
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: 'approved',
      comment: 'Pays on time',
      related: { entityType: 'account', id: accountId },
    });
    const view = await api.runInStatus(runId, 'completed');
    expect(view.body.result).toEqual({ raised: true });
  });
});

test('a task whose related record is one expression gets the record it names', async () => {
  await api.services.withWorker(async () => {
    const runId = await publishedRun(ticketAnswer, { type: 'ticket', id: ticketId });
    const stored = await api.openTaskOf(runId);
    const one = await api.request('GET', `/tasks/${encodeURIComponent(stored._id)}`, undefined, {
      as: ['support'],
    });
    expect(one.body).toMatchObject({ kind: 'task', related: { entityType: 'ticket', id: ticketId } });
    const done = await api.request(
      'POST',
      `/tasks/${encodeURIComponent(stored._id)}/complete`,
      { outcome: 'completed', data: { reply: 'Corrected and resent.' } },
      { as: ['support'] },
    );
    expect(done.status).toBe(200);
    const view = await api.runInStatus(runId, 'completed');
    expect(view.body.result).toEqual({ reply: 'Corrected and resent.' });
  });
});

test('a related record that resolves to something else fails the run before any task is created', async () => {
  await api.services.withWorker(async () => {
    const runId = await publishedRun(ticketAnswer, { type: 'customer', id: ticketId });
    const view = await api.runInStatus(runId, 'failed');
    expect(view.body.error).toEqual({
      type: 'invalid_param',
      message:
        'Node "answer" (human.task) failed: params.related.entityType must be an entity type, got "customer"',
    });
    expect(await api.services.db.collection('tasks').countDocuments({ runId })).toBe(0);
  });
});

test('publish names the path of a related record that does not fit', async () => {
  const definition = structuredClone(accountReview);
  const review = definition.nodes.find((node) => node.id === 'review')!;
  (review.params as Record<string, unknown>).related = { entityType: 'customer' };
  const created = await api.request('POST', '/workflows', definition);
  const response = await api.request('POST', `/workflows/${created.body._id}/publish`);
  expect(response.status).toBe(422);
  expect(
    (response.body.error.details as Array<{ path: string; nodeId: string }>).map(({ nodeId, path }) => ({
      nodeId,
      path,
    })),
  ).toEqual([
    { nodeId: 'review', path: 'params.related.id' },
    { nodeId: 'review', path: 'params.related.entityType' },
  ]);
});
