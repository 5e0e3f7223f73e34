import { createEntityRepository } from '../../../domain/entities';
import type { Role } from '../../../server/auth/actor';
import { eventually } from '../../support/eventually';
import { startDispatcher } from '../../support/trigger-dispatcher';
import { startWorkflowApi, type WorkflowApi } from './workflows-api-fixture';

/*
 * Segregation of duties on the real services: an approval can't be decided by the user who started
 * its run, nor by the user whose write triggered it, unless the node allows self-approval. The test
 * authenticator derives a user id from the roles, so `salesManager` and `salesManager,viewer` are
 * two people holding the same role.
 */

let api: WorkflowApi;
const opened: string[] = [];

beforeAll(async () => {
  api = await startWorkflowApi('segregation');
});

afterAll(async () => {
  await api.terminate(opened);
  await api.close();
});

const approval = (trigger: object, extra: Record<string, unknown> = {}) => ({
  name: 'Discount approval',
  nodes: [
    trigger,
    {
      id: 'approve',
      type: 'human.approval',
      params: { assigneeRole: 'salesManager', title: 'Approve', ...extra },
    },
    { id: 'yes', type: 'flow.end', params: { output: { approved: true } } },
    { id: 'no', type: 'flow.end', params: { output: { approved: false } } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'approve' },
    { id: 'e2', source: 'approve', sourcePort: 'approved', target: 'yes' },
    { id: 'e3', source: 'approve', sourcePort: 'rejected', target: 'no' },
  ],
});
const manual = { id: 'start', type: 'trigger.manual', params: {} };

async function startAs(workflowId: string, roles: Role[]): Promise<string> {
  const started = await api.request('POST', `/workflows/${workflowId}/runs`, { input: {} }, { as: roles });
  expect(started.status).toBe(201);
  opened.push(started.body.runId as string);
  return started.body.runId as string;
}

const complete = (taskId: string, roles: Role[]) =>
  api.request(
    'POST',
    `/tasks/${encodeURIComponent(taskId)}/complete`,
    { outcome: 'approved', data: {} },
    { as: roles },
  );

test('the user who started the run may not decide its approval; another holder of the role may', async () => {
  const workflowId = await api.publish(approval(manual));
  await api.services.withWorker(async () => {
    const runId = await startAs(workflowId, ['salesManager']);
    const task = await api.openTaskOf(runId);
    expect(task.requestedBy).toEqual(['u-salesManager']);

    const refused = await complete(task._id, ['salesManager']);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `task ${task._id} was requested by you (you started its run or made the change that triggered it); another holder of the role salesManager must decide it`,
    );
    // Being an admin as well changes nothing: the requester is still the requester.
    expect((await complete(task._id, ['salesManager', 'admin'])).status).toBe(200);
    expect((await api.runInStatus(runId, 'completed')).body.result).toEqual({ approved: true });
  });
});

test('a node with allowSelfApproval lets the requester decide', async () => {
  const workflowId = await api.publish(approval(manual, { allowSelfApproval: true }));
  await api.services.withWorker(async () => {
    const runId = await startAs(workflowId, ['salesManager']);
    const task = await api.openTaskOf(runId);
    expect(task.requestedBy).toBeUndefined();
    expect((await complete(task._id, ['salesManager'])).status).toBe(200);
    expect((await api.runInStatus(runId, 'completed')).body.result).toEqual({ approved: true });
  });
});

test('the user whose write triggered the run may not decide its approval', async () => {
  const trigger = {
    id: 'start',
    type: 'trigger.entity',
    params: { entityType: 'account', events: ['created'] },
  };
  await api.publish(approval(trigger));
  const repo = createEntityRepository(api.services.db);
  const dispatcher = await startDispatcher(api.services);
  try {
    await api.services.withWorker(async () => {
      await repo.create(
        'account',
        { name: 'Segregated Traders', type: 'customer', currency: 'EUR', paymentTerms: 'net30' },
        { actor: { userId: 'u-salesManager' }, roles: ['admin'] as const },
      );
      const runId = await eventually(async () => {
        const listed = await api.request('GET', '/tasks?status=open', undefined, { as: ['admin'] });
        return (listed.body.items as Array<{ runId: string }>)[0]?.runId;
      });
      opened.push(runId);
      const task = await api.openTaskOf(runId);
      expect(task.requestedBy).toEqual(['u-salesManager']);
      expect((await complete(task._id, ['salesManager'])).status).toBe(403);
      expect((await complete(task._id, ['salesManager', 'viewer'])).status).toBe(200);
      expect((await api.runInStatus(runId, 'completed')).body.result).toEqual({ approved: true });
    });
  } finally {
    await dispatcher.stop();
  }
});

test('an approval assigned to a user from an expression is in their inbox only, and only they decide it', async () => {
  const workflowId = await api.publish(approval(manual, { assignee: '=$input.owner' }));
  await api.services.withWorker(async () => {
    const started = await api.request(
      'POST',
      `/workflows/${workflowId}/runs`,
      { input: { owner: 'u-salesManager-viewer' } },
      { as: ['sales'] },
    );
    expect(started.status).toBe(201);
    const runId = started.body.runId as string;
    opened.push(runId);
    const task = await api.openTaskOf(runId);
    expect(task).toMatchObject({ assignee: 'u-salesManager-viewer', assigneeRole: 'salesManager' });
    const mine = async (roles: Role[]) =>
      (
        (await api.request('GET', `/tasks?status=open&mine=true&runId=${runId}`, undefined, { as: roles }))
          .body.items as Array<{ _id: string }>
      ).map((item) => item._id);
    expect(await mine(['salesManager', 'viewer'])).toEqual([task._id]);
    expect(await mine(['salesManager'])).toEqual([]);
    const refused = await complete(task._id, ['salesManager']);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(`task ${task._id} is assigned to the user u-salesManager-viewer`);
    expect((await complete(task._id, ['salesManager', 'viewer'])).status).toBe(200);
    expect((await api.runInStatus(runId, 'completed')).body.result).toEqual({ approved: true });
  });
});

test('an assignee expression that names nobody leaves the approval to the role', async () => {
  const workflowId = await api.publish(approval(manual, { assignee: '=$input.owner' }));
  await api.services.withWorker(async () => {
    const runId = await startAs(workflowId, ['sales']);
    const task = await api.openTaskOf(runId);
    expect(task.assignee).toBeUndefined();
    expect((await complete(task._id, ['salesManager'])).status).toBe(200);
    expect((await api.runInStatus(runId, 'completed')).body.result).toEqual({ approved: true });
  });
});
