import type { WorkflowHandle } from '@temporalio/client';
import { completeTaskUpdateName, entityChangedSignalName } from '../../workflows/runtime/run-contract';
import { createEntityRepository } from '../../domain/entities';
import { taskIdFor } from '../../domain/tasks';
import { entityWatchesCollection } from '../../domain/triggers';
import { createWorkflowStore } from '../../domain/workflows';
import type { TestServices } from '../setup/test-env';
import { graph, runInput } from '../integration/engine/engine-harness';
import { eventually } from '../support/eventually';
import { startDispatcher } from '../support/trigger-dispatcher';
import { runWorkflowType } from '../../workflows/runtime/run-contract';

/** A representative run whose history the replay test keeps replaying on newer code. */
export interface HistoryScenario {
  name: string;
  /** Runs the scenario to its close and returns its handle. */
  run(services: TestServices, workflowId: string): Promise<WorkflowHandle>;
}

async function start(services: TestServices, workflowId: string, input: ReturnType<typeof runInput>) {
  return services.temporal.workflow.start(runWorkflowType, {
    workflowId,
    taskQueue: services.taskQueue,
    args: [input],
  });
}

const manager = { userId: 'u-manager', email: 'manager@example.com' };
const recorder = { actor: { userId: 'recorder' }, roles: ['admin'] as const };

/** The account a waiting run watches, created fresh for the scenario. */
async function watchedAccount(services: TestServices) {
  const repo = createEntityRepository(services.db);
  const { record } = await repo.create('account', { name: 'Watched', currency: 'EUR' }, recorder);
  return { repo, record };
}

/** A run that waits up to an hour for the account `accountId` to turn gold. */
function waitForGold(accountId: string) {
  return graph(
    'Wait for gold',
    [
      { id: 'start', type: 'trigger.manual' },
      {
        id: 'wait',
        type: 'flow.waitFor',
        params: {
          entityType: 'account',
          id: accountId,
          condition: '=$entity.tier = "gold"',
          timeout: 'PT1H',
        },
      },
    ],
    ['start->wait'],
  );
}

/** Creates and publishes a workflow that only ends, with `endParams`; returns its id. */
async function publishEndOnly(
  services: TestServices,
  name: string,
  endParams?: Record<string, unknown>,
): Promise<string> {
  const workflows = createWorkflowStore(services.db);
  const end = { id: 'end', type: 'flow.end', ...(endParams ? { params: endParams } : {}) };
  const created = await workflows.create(
    graph(name, [{ id: 'start', type: 'trigger.manual' }, end], ['start->end']),
    recorder.actor,
  );
  await workflows.publish(created._id, { ...recorder.actor, roles: recorder.roles });
  return created._id;
}

/** A run that starts a published workflow as a child and waits for its output. */
async function runWithChild(services: TestServices, workflowId: string): Promise<WorkflowHandle> {
  const child = await publishEndOnly(services, 'Child', { output: { doubled: '=$input.n * 2' } });
  const definition = graph(
    'Runs a child',
    [
      { id: 'start', type: 'trigger.manual' },
      { id: 'child', type: 'flow.subworkflow', params: { workflowId: child, input: { n: 21 } } },
    ],
    ['start->child'],
  );
  const handle = await start(services, workflowId, runInput(definition));
  await handle.result();
  return handle;
}

export const historyScenarios: HistoryScenario[] = [
  // Before the `url-safe-child-run-ids` patch: the child's id is the node visit's key.
  { name: 'subworkflow-child', run: runWithChild },
  // Since: the child's id is that key made URL-safe.
  { name: 'subworkflow-url-safe-child', run: runWithChild },
  {
    name: 'crud-routing-foreach',
    async run(services, workflowId) {
      const definition = graph(
        'CRUD and routing',
        [
          { id: 'start', type: 'trigger.manual' },
          {
            id: 'create',
            type: 'entity.create',
            params: { entityType: 'account', data: { name: 'Acme', currency: 'EUR' } },
          },
          {
            id: 'update',
            type: 'entity.update',
            params: { entityType: 'account', id: '=$nodes.create._id', changes: { tier: 'gold' } },
          },
          { id: 'isGold', type: 'logic.if', params: { condition: '=$nodes.update.tier = "gold"' } },
          { id: 'each', type: 'flow.forEach', params: { items: [1, 2, 3], body: 'double', concurrency: 2 } },
          { id: 'double', type: 'data.set', params: { values: { doubled: '=$item * 2' } } },
          { id: 'pause', type: 'flow.wait', params: { duration: 'PT1S' } },
          { id: 'join', type: 'logic.join', params: { mode: 'all' } },
          { id: 'end', type: 'flow.end', params: { output: '=$nodes.each' } },
        ],
        [
          'start->create',
          'create->update',
          'update->isGold',
          'isGold:true->each',
          'isGold:true->pause',
          'each->join',
          'pause->join',
          'join->end',
        ],
      );
      const handle = await start(services, workflowId, runInput(definition));
      await handle.result();
      return handle;
    },
  },
  {
    name: 'approval-update',
    async run(services, workflowId) {
      const definition = graph(
        'Approval',
        [
          { id: 'start', type: 'trigger.manual' },
          {
            id: 'approve',
            type: 'human.approval',
            params: { assigneeRole: 'salesManager', title: 'Approve' },
          },
          {
            id: 'mail',
            type: 'notify.email',
            params: { to: 'ops@example.com', subject: 'Approved', body: 'ok' },
          },
        ],
        ['start->approve', 'approve:approved->mail'],
      );
      const handle = await start(services, workflowId, runInput(definition));
      const taskId = `${workflowId}/approve/1`;
      const tasks = services.db.collection('tasks');
      await eventually(async () => (await tasks.findOne({ _id: taskIdFor(taskId) as never })) ?? undefined);
      await handle.executeUpdate(completeTaskUpdateName, {
        args: [{ taskId, outcome: 'approved', data: {}, completedBy: manager }],
      });
      await handle.result();
      return handle;
    },
  },
  {
    name: 'wait-for-signal',
    async run(services, workflowId) {
      const { repo, record } = await watchedAccount(services);
      const handle = await start(services, workflowId, runInput(waitForGold(record._id)));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const updated = await repo.update('account', record._id, { tier: 'gold' }, {}, recorder);
      await handle.signal(entityChangedSignalName, {
        entityType: 'account',
        id: record._id,
        entity: updated,
      });
      await handle.result();
      return handle;
    },
  },
  {
    // flow.waitFor since the `flow-wait-for-registers-watch` patch: the watch, the dispatcher's signal.
    name: 'wait-for-watch',
    async run(services, workflowId) {
      const { repo, record } = await watchedAccount(services);
      const dispatcher = await startDispatcher(services, { sweepIntervalMs: 1000 });
      try {
        const handle = await start(services, workflowId, runInput(waitForGold(record._id)));
        const watches = services.db.collection(entityWatchesCollection);
        await eventually(async () => (await watches.findOne({ runId: workflowId })) ?? undefined);
        await repo.update('account', record._id, { tier: 'gold' }, {}, recorder);
        await handle.result();
        return handle;
      } finally {
        await dispatcher.stop();
      }
    },
  },
  {
    // Since the `compensate-in-flight-steps` patch: the failing item's siblings are waited for and
    // every record they created is archived.
    name: 'failed-foreach-compensates',
    async run(services, workflowId) {
      const definition = graph(
        'Create each, one fails',
        [
          { id: 'start', type: 'trigger.manual' },
          {
            id: 'each',
            type: 'flow.forEach',
            params: { items: ['Alpha', '', 'Gamma', 'Delta'], body: 'create', concurrency: 3 },
          },
          {
            id: 'create',
            type: 'entity.create',
            params: { entityType: 'account', data: { name: '=$item', currency: 'EUR' } },
          },
        ],
        ['start->each'],
      );
      const handle = await start(services, workflowId, runInput(definition));
      await handle.result().catch(() => undefined);
      return handle;
    },
  },
  {
    name: 'cancel-compensates',
    async run(services, workflowId) {
      const definition = graph(
        'Cancel me',
        [
          { id: 'start', type: 'trigger.manual' },
          {
            id: 'create',
            type: 'entity.create',
            params: { entityType: 'account', data: { name: 'Doomed', currency: 'EUR' } },
          },
          {
            id: 'approve',
            type: 'human.approval',
            params: { assigneeRole: 'admin', title: 'Keep?', dueIn: 'P1D' },
          },
        ],
        ['start->create', 'create->approve'],
      );
      const handle = await start(services, workflowId, runInput(definition));
      const tasks = services.db.collection('tasks');
      await eventually(
        async () =>
          (await tasks.findOne({ _id: taskIdFor(`${workflowId}/approve/1`) as never })) ?? undefined,
      );
      await handle.cancel();
      await handle.result().catch(() => undefined);
      return handle;
    },
  },
  {
    name: 'error-workflow-reported',
    async run(services, workflowId) {
      const handler = await publishEndOnly(services, 'Failure handler');
      const definition = graph(
        'Fails and reports',
        [
          { id: 'start', type: 'trigger.manual' },
          { id: 'boom', type: 'flow.fail', params: { message: 'broken' } },
        ],
        ['start->boom'],
        { errorWorkflowId: handler },
      );
      const handle = await start(services, workflowId, runInput(definition, { orderId: 'SO-1' }));
      await handle.result().catch(() => undefined);
      return handle;
    },
  },
  {
    name: 'run-failure-recorded',
    async run(services, workflowId) {
      const definition = graph(
        'Fails and is counted',
        [
          { id: 'start', type: 'trigger.manual' },
          { id: 'boom', type: 'flow.fail', params: { message: 'broken' } },
        ],
        ['start->boom'],
      );
      const handle = await start(services, workflowId, runInput(definition));
      await handle.result().catch(() => undefined);
      return handle;
    },
  },
  {
    // A closing run hands its per-node figures to `run.recordStats`, for process analytics.
    name: 'run-stats-recorded',
    async run(services, workflowId) {
      const definition = graph(
        'Branches and is counted',
        [
          { id: 'start', type: 'trigger.manual' },
          { id: 'check', type: 'logic.if', params: { condition: '=true' } },
          { id: 'end', type: 'flow.end', params: { output: { ok: true } } },
        ],
        ['start->check', 'check:true->end'],
      );
      const handle = await start(services, workflowId, runInput(definition));
      await handle.result();
      return handle;
    },
  },
];
