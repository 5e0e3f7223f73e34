import { ScheduleNotFoundError } from '@temporalio/client';
import { digestScheduleId } from '../../../domain/alerts';
import { tasksCollection, type TaskDocument } from '../../../domain/tasks';
import { createUserStore } from '../../../domain/users';
import { eventually } from '../../support/eventually';
import { createPublished, startTriggerApp, type TriggerApp } from '../schedules/trigger-app';

/*
 * Alerts against the real Temporal dev server, store and worker: failed runs are recorded, a
 * role's subscription sends one digest mail per schedule tick with the failures and overdue tasks,
 * and /metrics reports failures by workflow and node, the task backlog by role and the overdue count.
 */

let app: TriggerApp;

beforeAll(async () => {
  app = await startTriggerApp('alerts');
  const users = createUserStore(app.services.db);
  const system = { userId: 'seed', email: 'seed' };
  for (const email of ['fran@example.com', 'finn@example.com']) {
    await users.createUser(
      { email, name: email, roles: ['finance'], password: 'finance-password-1' },
      system,
    );
  }
  await users.createUser(
    { email: 'sal@example.com', name: 'Sal', roles: ['sales'], password: 'sales-password-12' },
    system,
  );
});

afterAll(async () => {
  await app.close();
});

function task(id: string, assigneeRole: string, dueAt: string, title: string): TaskDocument {
  return {
    _id: id,
    runId: `run-${id}`,
    workflowId: 'wf-seeded',
    nodeId: 'approve',
    visit: 1,
    kind: 'approval',
    assigneeRole,
    title,
    status: 'open',
    dueAt,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

test('a role gets one digest of failed runs and overdue tasks, and /metrics counts them', async () => {
  const { workflowId, published } = await createPublished(app, {
    name: 'Collect payment',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'charge', type: 'flow.fail', params: { message: '="card declined for " & $input.invoice' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'charge' }],
  });
  expect(published.status).toBe(200);
  await app.services.db
    .collection<TaskDocument>(tasksCollection)
    .insertMany([
      task('t-overdue', 'finance', '2026-01-02T00:00:00.000Z', 'Approve refund INV-7'),
      task('t-later', 'sales', '2999-01-01T00:00:00.000Z', 'Call back Acme'),
    ]);

  const bad = await app.api('POST', '/alerts/subscriptions', {
    role: 'boss',
    events: [],
    intervalMinutes: 1,
  });
  expect(bad.status).toBe(400);
  expect((bad.body.error.details as { path: string }[]).map((detail) => detail.path)).toEqual([
    'role',
    'events',
    'intervalMinutes',
  ]);
  const subscribed = await app.api('POST', '/alerts/subscriptions', {
    role: 'finance',
    events: ['runFailures', 'overdueTasks'],
    intervalMinutes: 60,
  });
  expect(subscribed.status).toBe(201);
  const subscriptionId = subscribed.body._id as string;
  expect((await app.api('GET', '/alerts/subscriptions')).body.items).toEqual([subscribed.body]);

  const mail = await app.services.withWorker(async () => {
    const runIds: string[] = [];
    for (const invoice of ['INV-1', 'INV-2']) {
      const started = await app.api('POST', `/workflows/${workflowId}/runs`, { input: { invoice } });
      runIds.push(started.body.runId as string);
    }
    for (const runId of runIds) {
      await eventually(async () => {
        const view = await app.api('GET', `/runs/${runId}`);
        return view.body.status === 'failed' ? true : undefined;
      });
    }
    await eventually(async () =>
      (await app.services.db.collection('runFailures').countDocuments({ workflowId })) === 2
        ? true
        : undefined,
    );
    // A tick's window ends at its due time, which Temporal keeps to the second: start the next one.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
    await app.services.temporal.schedule.getHandle(digestScheduleId(subscriptionId)).trigger();
    const sent = await eventually(
      async () =>
        (await app.services.db
          .collection<{ _id: string; to: string[]; subject: string; body: string }>('mailbox')
          .findOne({ _id: { $regex: `^digest:${subscriptionId}:` } })) ?? undefined,
    );
    return { sent, runIds };
  });
  expect(mail.sent.to).toEqual(['finn@example.com', 'fran@example.com']);
  expect(mail.sent.subject).toBe('Ledgerline: 2 failed runs, 1 overdue task');
  const [, until] = /^digest:[^:]+:(.+)$/.exec(mail.sent._id)!;
  const from = new Date(Date.parse(until!) - 3_600_000).toISOString();
  const failedLines = mail.runIds.map((runId, index) => `  ${runId}: card declined for INV-${index + 1}`);
  const body = mail.sent.body.split('\n');
  expect([...body.slice(0, 4), ...body.slice(6)]).toEqual([
    `Between ${from} and ${until}:`,
    '',
    'Failed runs:',
    '- Collect payment · node charge: 2 runs',
    '',
    'Overdue tasks:',
    '- Approve refund INV-7 (finance), due 2026-01-02T00:00:00.000Z',
  ]);
  // Failures are listed in the order they failed, which the two runs may swap.
  expect(body.slice(4, 6).sort()).toEqual(failedLines.sort());
  expect(await app.services.db.collection('mailbox').countDocuments({})).toBe(1);

  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  const lines = metrics.split('\n').filter((line) => line.startsWith('ledgerline_'));
  expect(lines).toEqual([
    `ledgerline_run_failures{workflow_id="${workflowId}",node_id="charge"} 2`,
    'ledgerline_task_backlog{role="finance"} 1',
    'ledgerline_task_backlog{role="sales"} 1',
    'ledgerline_tasks_overdue 1',
  ]);

  expect((await app.api('DELETE', `/alerts/subscriptions/${subscriptionId}`)).status).toBe(204);
  await expect(
    app.services.temporal.schedule.getHandle(digestScheduleId(subscriptionId)).describe(),
  ).rejects.toBeInstanceOf(ScheduleNotFoundError);
  expect((await app.api('DELETE', `/alerts/subscriptions/${subscriptionId}`)).status).toBe(404);
});
