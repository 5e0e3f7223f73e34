import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { taskIdFor } from '../../../domain/tasks';
import { completeTaskUpdateName, type CompleteTaskArgs } from '../../../workflows/runtime/run-contract';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { eventually } from '../../support/eventually';
import { graph, queryTrace, runInput, startRun } from './engine-harness';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('engine-human');
});
afterAll(() => services.close());

const manager = { userId: 'u-manager', email: 'manager@example.com' };

/** The task the run names `key` (`<runId>/<nodeId>/<visit>`), stored under its URL-safe id. */
function task(key: string) {
  return services.db.collection<{ _id: string; status: string }>('tasks').findOne({ _id: taskIdFor(key) });
}

function openTask(id: string) {
  return eventually(async () => ((await task(id))?.status === 'open' ? await task(id) : undefined));
}

const approval = graph(
  'Approval',
  [
    { id: 'start', type: 'trigger.manual' },
    {
      id: 'approve',
      type: 'human.approval',
      params: { assigneeRole: 'salesManager', title: '="Approve " & $input.what' },
    },
    {
      id: 'yes',
      type: 'flow.end',
      params: { output: { approved: true, by: '=$nodes.approve.completedBy' } },
    },
    { id: 'no', type: 'flow.end', params: { output: { approved: false } } },
  ],
  ['start->approve', 'approve:approved->yes', 'approve:rejected->no'],
);

describe('interpretedWorkflow: human tasks', () => {
  it('creates the task, completes it through the completeTask update and rejects a second completion', async () => {
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(approval, { what: 'Q-1' }));
      const taskId = `${handle.workflowId}/approve/1`;
      expect(await openTask(taskId)).toMatchObject({
        runId: handle.workflowId,
        workflowId: 'wf-test',
        nodeId: 'approve',
        visit: 1,
        kind: 'approval',
        assigneeRole: 'salesManager',
        title: 'Approve Q-1',
        status: 'open',
      });
      const running = await queryTrace(handle);
      expect(running.status).toBe('running');
      expect(running.trace.find((entry) => entry.nodeId === 'approve')?.status).toBe('waiting');

      const completion: CompleteTaskArgs = { taskId, outcome: 'approved', data: {}, completedBy: manager };
      await expect(handle.executeUpdate(completeTaskUpdateName, { args: [completion] })).resolves.toEqual({
        taskId,
        outcome: 'approved',
      });
      const again = await handle
        .executeUpdate(completeTaskUpdateName, { args: [completion] })
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((again as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('TaskNotOpen');

      expect(await handle.result()).toEqual({ approved: true, by: 'u-manager' });
      expect(await task(taskId)).toMatchObject({
        status: 'completed',
        outcome: 'approved',
        completedBy: manager,
      });
    });
  });

  it('rejects an unknown task and an outcome the task kind does not offer', async () => {
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(approval, { what: 'Q-2' }));
      const taskId = `${handle.workflowId}/approve/1`;
      await openTask(taskId);
      const unknown = await handle
        .executeUpdate(completeTaskUpdateName, {
          args: [{ taskId: 'nope', outcome: 'approved', data: {}, completedBy: manager }],
        })
        .catch((e: unknown) => e);
      expect(((unknown as WorkflowUpdateFailedError).cause as ApplicationFailure).message).toBe(
        'Task nope is not open in this run',
      );
      const wrong = await handle
        .executeUpdate(completeTaskUpdateName, {
          args: [{ taskId, outcome: 'completed', data: {}, completedBy: manager }],
        })
        .catch((e: unknown) => e);
      expect(((wrong as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('InvalidOutcome');
      await handle.executeUpdate(completeTaskUpdateName, {
        args: [{ taskId, outcome: 'rejected', data: {}, completedBy: manager }],
      });
      expect(await handle.result()).toEqual({ approved: false });
    });
  });

  it('returns the submitted form data of a human.task', async () => {
    const definition = graph(
      'Form',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'form',
          type: 'human.task',
          params: {
            assigneeRole: 'support',
            title: 'Describe',
            formSchema: { type: 'object', properties: { note: { type: 'string' } } },
          },
        },
        { id: 'end', type: 'flow.end', params: { output: '=$nodes.form' } },
      ],
      ['start->form', 'form->end'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition));
      const taskId = `${handle.workflowId}/form/1`;
      expect(await openTask(taskId)).toMatchObject({ kind: 'task', formSchema: { type: 'object' } });
      await handle.executeUpdate(completeTaskUpdateName, {
        args: [{ taskId, outcome: 'completed', data: { note: 'done' }, completedBy: manager }],
      });
      expect(await handle.result()).toEqual({ note: 'done' });
    });
  });

  it('leaves by the timeout port when the task is overdue and cancels the task', async () => {
    const definition = graph(
      'SLA',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'approve',
          type: 'human.approval',
          params: { assigneeRole: 'finance', title: 'Pay', dueIn: 'PT2S' },
        },
        { id: 'late', type: 'flow.end', params: { output: 'timeout' } },
        { id: 'ok', type: 'flow.end', params: { output: 'approved' } },
      ],
      ['start->approve', 'approve:timeout->late', 'approve:approved->ok'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition));
      expect(await handle.result()).toBe('timeout');
      expect(await task(`${handle.workflowId}/approve/1`)).toMatchObject({
        status: 'cancelled',
        closedReason: 'timedOut',
      });
    });
  });

  it('escalates an overdue task to escalateTo, notifies that role, and keeps waiting', async () => {
    await services.db.collection('users').insertOne({ email: 'boss@example.com', roles: ['admin'] });
    const definition = graph(
      'Escalation',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'approve',
          type: 'human.approval',
          params: { assigneeRole: 'sales', title: 'Discount', dueIn: 'PT1S', escalateTo: 'admin' },
        },
        { id: 'ok', type: 'flow.end', params: { output: 'approved' } },
      ],
      ['start->approve', 'approve:approved->ok'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition));
      const taskId = `${handle.workflowId}/approve/1`;
      await eventually(async () => ((await task(taskId)) as { escalatedTo?: string } | null)?.escalatedTo);
      expect(await task(taskId)).toMatchObject({
        status: 'open',
        assigneeRole: 'sales',
        escalatedTo: 'admin',
      });
      const mail = await eventually(
        async () =>
          (await services.db
            .collection('mailbox')
            .findOne({ _id: `${taskId}/escalate/boss@example.com` as never })) ?? undefined,
      );
      expect(mail).toMatchObject({
        to: ['boss@example.com'],
        subject: 'Overdue task escalated to you: Discount',
      });
      await handle.executeUpdate(completeTaskUpdateName, {
        args: [{ taskId, outcome: 'approved', data: {}, completedBy: manager }],
      });
      expect(await handle.result()).toBe('approved');
    });
  });

  it('on cancel closes open tasks and archives the records it created (compensation)', async () => {
    const definition = graph(
      'Cancel me',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'create',
          type: 'entity.create',
          params: { entityType: 'account', data: { name: 'Doomed', currency: 'EUR' } },
        },
        { id: 'approve', type: 'human.approval', params: { assigneeRole: 'admin', title: 'Keep?' } },
      ],
      ['start->create', 'create->approve'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition));
      const taskId = `${handle.workflowId}/approve/1`;
      await openTask(taskId);
      await handle.cancel();
      await expect(handle.result()).rejects.toThrow();
      expect(await task(taskId)).toMatchObject({ status: 'cancelled', closedReason: 'cancelled' });
      const accounts = await services.db.collection('account').find({ name: 'Doomed' }).toArray();
      expect(accounts).toHaveLength(1);
      expect(accounts[0]).toMatchObject({ archived: true, version: 2 });
      const closed = await queryTrace(handle);
      expect(closed.status).toBe('cancelled');
    });
  });
});
