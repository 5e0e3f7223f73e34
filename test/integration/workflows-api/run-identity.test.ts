import { createEntityRepository } from '../../../domain/entities';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * Runs act as the user who published their version, on the real services: publish refuses a graph
 * that writes what the publisher could not write by hand, naming the node and who may; what only an
 * expression decides is refused when the run writes, with the record unchanged; and a version an
 * admin published writes the same fields.
 */

let api: WorkflowApi;
let accountId: string;

beforeAll(async () => {
  api = await startWorkflowApi('run_identity');
  const repo = createEntityRepository(api.services.db);
  const { record } = await repo.create(
    'account',
    { name: 'Identity Traders', currency: 'EUR', creditLimit: 1000 },
    { actor: { userId: 'setup' }, roles: ['admin'] },
  );
  accountId = record._id;
});

afterAll(async () => {
  await api.close();
});

const raiseLimit = (entityType: string) => ({
  name: 'Raise the limit',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    {
      id: 'raise',
      type: 'entity.update',
      params: { entityType, id: '=$input.accountId', changes: { creditLimit: 999999999 } },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'raise' }],
});

async function account() {
  return createEntityRepository(api.services.db).get('account', accountId);
}

test("a designer can't publish a write they could not make by hand", async () => {
  const created = await api.request('POST', '/workflows', raiseLimit('account'));
  const refused = await api.request('POST', `/workflows/${created.body._id}/publish`, undefined, {
    as: ['designer'],
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.details).toEqual([
    {
      nodeId: 'raise',
      path: 'params.entityType',
      code: 'forbidden_write',
      message:
        'The roles designer do not allow: update account (allowed: admin, sales, salesManager, finance)',
    },
  ]);
  // A sales user may update accounts, but not their credit limit.
  const bySales = await api.request('POST', `/workflows/${created.body._id}/publish`, undefined, {
    as: ['sales', 'designer'],
  });
  expect(bySales.status).toBe(403);
  expect(bySales.body.error.details).toEqual([
    expect.objectContaining({ nodeId: 'raise', path: 'params.changes.creditLimit' }),
  ]);
  expect(bySales.body.error.details[0].message).toBe(
    'Setting account creditLimit is for finance, admin, not the roles sales, designer',
  );
  expect((await api.request('GET', `/workflows/${created.body._id}`)).body.publishedVersion).toBeUndefined();
});

test('a write only an expression decides is refused when the run makes it, and nothing changes', async () => {
  const created = await api.request('POST', '/workflows', raiseLimit('=$input.type'));
  const published = await api.request('POST', `/workflows/${created.body._id}/publish`, undefined, {
    as: ['sales', 'designer'],
  });
  expect(published.status).toBe(200);
  const started = await api.request(
    'POST',
    `/workflows/${created.body._id}/runs`,
    { input: { type: 'account', accountId } },
    { as: ['support'] },
  );
  expect(started.status).toBe(201);
  const failed = await api.services.withWorker(() => api.runInStatus(started.body.runId as string, 'failed'));
  expect(failed.body.error).toEqual({
    type: 'activity_failed',
    message:
      'Node "raise" (entity.update) failed: Setting account creditLimit is for finance, admin, not the roles sales, designer [ForbiddenError]',
  });
  expect(await account()).toMatchObject({ version: 1, creditLimit: 1000 });
});

test("an admin's version writes the controlled field, and the change names the run", async () => {
  const created = await api.request('POST', '/workflows', raiseLimit('account'));
  const workflowId = created.body._id as string;
  expect(
    (await api.request('POST', `/workflows/${workflowId}/publish`, undefined, { as: ['admin'] })).status,
  ).toBe(200);
  const version = await api.request('GET', `/workflows/${workflowId}/versions/1`);
  expect(version.body.runAs).toEqual({ userId: 'u-admin', roles: ['admin'] });
  const started = await api.request(
    'POST',
    `/workflows/${workflowId}/runs`,
    { input: { accountId } },
    { as: ['support'] },
  );
  const runId = started.body.runId as string;
  await api.services.withWorker(() => api.runInStatus(runId, 'completed'));
  expect(await account()).toMatchObject({
    version: 2,
    creditLimit: 999999999,
    updatedBy: `workflow:${runId}`,
  });
});

test('a publisher who lost the roles takes them from their runs too, until they hold them again', async () => {
  const created = await api.request('POST', '/workflows', raiseLimit('account'));
  const workflowId = created.body._id as string;
  const publisher = ['admin', 'viewer'] as const;
  expect(
    (await api.request('POST', `/workflows/${workflowId}/publish`, undefined, { as: [...publisher] })).status,
  ).toBe(200);
  // The publisher is a stored user who has since been demoted to viewer.
  const users = api.services.db.collection<{ _id: string; roles: string[]; active: boolean }>('users');
  await users.insertOne({ _id: 'u-admin-viewer', roles: ['viewer'], active: true });
  const repo = createEntityRepository(api.services.db);
  const { record: held } = await repo.create(
    'account',
    { name: 'Demoted Traders', currency: 'EUR', creditLimit: 500 },
    { actor: { userId: 'setup' }, roles: ['admin'] },
  );
  const run = async () => {
    const started = await api.request(
      'POST',
      `/workflows/${workflowId}/runs`,
      { input: { accountId: held._id } },
      {
        as: ['support'],
      },
    );
    return started.body.runId as string;
  };
  const refused = await api.services.withWorker(async () => api.runInStatus(await run(), 'failed'));
  expect(refused.body.error.message).toBe(
    'Node "raise" (entity.update) failed: The roles viewer do not allow: update account (allowed: admin, sales, salesManager, finance) [ForbiddenError]',
  );
  await users.updateOne({ _id: 'u-admin-viewer' }, { $set: { roles: ['admin'], active: false } });
  const deactivated = await api.services.withWorker(async () => api.runInStatus(await run(), 'failed'));
  expect(deactivated.body.error.message).toContain('A writer with no roles may not: update account');
  expect(await repo.get('account', held._id)).toMatchObject({ version: 1, creditLimit: 500 });
  await users.updateOne({ _id: 'u-admin-viewer' }, { $set: { active: true } });
  await api.services.withWorker(async () => api.runInStatus(await run(), 'completed'));
  expect(await repo.get('account', held._id)).toMatchObject({ version: 2, creditLimit: 999999999 });
});
