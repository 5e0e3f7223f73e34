import { ScheduleNotFoundError } from '@temporalio/client';
import type { ScheduleView } from '../../../domain/schedules';
import { createWorkflowStore } from '../../../domain/workflows';
import { eventually } from '../../support/eventually';
import { createPublished, startTriggerApp, type TriggerApp } from './trigger-app';

/*
 * Schedule triggers against the real Temporal dev server and store: publishing creates a Temporal
 * Schedule whose runs carry `$trigger = {event: 'schedule', scheduledAt}`, a new version updates
 * it, unpublish and archive delete it, bad crons and zones are refused at publish, and a
 * reconcile repairs what a crash between publish and sync left behind.
 */

let app: TriggerApp;

beforeAll(async () => {
  app = await startTriggerApp('schedules');
});

afterAll(async () => {
  await app.close();
});

/** A workflow whose schedule trigger `tick` fires on `cron`; each run returns its $trigger and $run. */
function scheduled(name: string, cron: string, extraTriggers: object[] = []): object {
  return {
    name,
    nodes: [
      { id: 'tick', type: 'trigger.schedule', params: { cron, timezone: 'Europe/Berlin' } },
      ...extraTriggers,
      {
        id: 'done',
        type: 'flow.end',
        params: { output: '={"trigger": $trigger, "version": $run.version, "startedAt": $run.startedAt}' },
      },
    ],
    edges: [
      { id: 'e1', source: 'tick', target: 'done' },
      ...extraTriggers.map((trigger, index) => ({
        id: `x${index}`,
        source: (trigger as { id: string }).id,
        target: 'done',
      })),
    ],
  };
}

function runCount(workflowId: string): Promise<number> {
  return app.services.temporal.workflow
    .count(`LedgerlineWorkflowId = "${workflowId}" AND LedgerlineTrigger = "schedule"`)
    .then((result) => result.count);
}

async function scheduleGone(scheduleId: string): Promise<boolean> {
  try {
    await app.services.temporal.schedule.getHandle(scheduleId).describe();
    return false;
  } catch (error: unknown) {
    if (error instanceof ScheduleNotFoundError) return true;
    throw error;
  }
}

test('a schedule fires with $trigger {event, scheduledAt}, is listed, and stops after unpublish', async () => {
  await app.services.withWorker(async () => {
    const { workflowId, published } = await createPublished(app, scheduled('Every 2 s', '*/2 * * * * *'));
    const scheduleId = `sched-${workflowId}.tick`;
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, schedules: [{ id: scheduleId, synced: true }] });

    // Two actions taken: the schedule really repeats.
    const listed = await eventually(async () => {
      const items = (await app.api('GET', `/workflows/${workflowId}/schedules`)).body.items as ScheduleView[];
      return (items[0]?.recentActions.length ?? 0) >= 2 ? items : undefined;
    });
    expect(listed).toEqual([
      {
        id: scheduleId,
        workflowId,
        version: 1,
        nodeId: 'tick',
        cron: '*/2 * * * * *',
        timezone: 'Europe/Berlin',
        state: 'synced',
        error: null,
        paused: false,
        note: null,
        nextActionTimes: expect.arrayContaining([expect.any(String)]),
        recentActions: expect.arrayContaining([
          {
            scheduledAt: expect.any(String),
            takenAt: expect.any(String),
            runId: expect.stringMatching(/^run-sched-/),
          },
        ]),
      },
    ]);
    const [first] = listed[0]!.recentActions;
    const result = await app.services.temporal.workflow.getHandle(first!.runId).result();
    expect(result).toEqual({
      trigger: { event: 'schedule', scheduledAt: first!.scheduledAt },
      version: 1,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const run = await app.api('GET', `/runs/${first!.runId}`);
    expect(run.body).toMatchObject({ runId: first!.runId, workflowId, version: 1, status: 'completed' });

    const ids = async () =>
      ((await app.api('GET', '/schedules')).body.items as ScheduleView[]).map((item) => item.id);
    expect(await ids()).toContain(scheduleId);

    expect((await app.api('POST', `/workflows/${workflowId}/unpublish`)).status).toBe(200);
    expect(await scheduleGone(scheduleId)).toBe(true);
    expect((await app.api('GET', `/workflows/${workflowId}/schedules`)).body).toEqual({ items: [] });
    expect(await ids()).not.toContain(scheduleId);
    const runsAtUnpublish = await eventually(async () => {
      // Visibility lags: wait until every run the schedule took is counted.
      const described = await app.api('GET', `/runs?workflowId=${workflowId}`);
      const count = await runCount(workflowId);
      return count === described.body.items.length ? count : undefined;
    });
    expect(runsAtUnpublish).toBeGreaterThanOrEqual(2);

    // A second schedule on the same worker is the clock: once it has fired three times, the
    // deleted one would have fired too.
    const clock = await createPublished(app, scheduled('Clock', '*/2 * * * * *'));
    await eventually(async () => ((await runCount(clock.workflowId)) >= 3 ? true : undefined), 60_000);
    expect(await runCount(workflowId)).toBe(runsAtUnpublish);
    await app.api('POST', `/workflows/${clock.workflowId}/unpublish`);
  });
});

test('publishing a new version updates the schedule in place; archive deletes it', async () => {
  const { workflowId } = await createPublished(app, scheduled('Daily', '0 7 * * mon-fri'));
  const scheduleId = `sched-${workflowId}.tick`;
  const draft = await app.api('GET', `/workflows/${workflowId}`);
  const changed = scheduled('Daily', '30 6 * * *');
  expect((await app.api('PUT', `/workflows/${workflowId}`, changed)).status).toBe(200);
  expect(draft.body.revision).toBe(1);
  const second = await app.api('POST', `/workflows/${workflowId}/publish`);
  expect(second.body).toMatchObject({ version: 2, schedules: [{ id: scheduleId, synced: true }] });

  const described = await app.services.temporal.schedule.getHandle(scheduleId).describe();
  expect(described.spec.timezone).toBe('Europe/Berlin');
  expect(described.policies.overlap).toBe('SKIP');
  expect(described.action).toMatchObject({
    workflowType: 'interpretedWorkflow',
    taskQueue: app.services.taskQueue,
    args: [
      expect.objectContaining({
        workflowId,
        version: 2,
        startNodeId: 'tick',
        trigger: { event: 'schedule' },
      }),
    ],
  });
  // 06:30 Berlin time on every day; the next ones are listed in UTC.
  const [view] = (await app.api('GET', `/workflows/${workflowId}/schedules`)).body.items;
  expect(view).toMatchObject({ version: 2, cron: '30 6 * * *', state: 'synced' });
  for (const time of view.nextActionTimes as string[]) {
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(time));
    expect(berlin).toBe('06:30');
  }

  expect((await app.api('DELETE', `/workflows/${workflowId}`)).status).toBe(204);
  expect(await scheduleGone(scheduleId)).toBe(true);
  expect(await app.schedules.records(workflowId)).toEqual([]);
});

test('each schedule trigger of a workflow gets its own schedule', async () => {
  const { workflowId, published } = await createPublished(
    app,
    scheduled('Two schedules', '0 7 * * *', [
      { id: 'evening', type: 'trigger.schedule', params: { cron: '0 19 * * *' } },
    ]),
  );
  expect(published.body.schedules).toEqual([
    { id: `sched-${workflowId}.tick`, synced: true },
    { id: `sched-${workflowId}.evening`, synced: true },
  ]);
  const items = (await app.api('GET', `/workflows/${workflowId}/schedules`)).body.items as Array<{
    id: string;
    cron: string;
    timezone: string;
  }>;
  expect(items.map(({ id, cron, timezone }) => ({ id, cron, timezone }))).toEqual([
    { id: `sched-${workflowId}.evening`, cron: '0 19 * * *', timezone: 'UTC' },
    { id: `sched-${workflowId}.tick`, cron: '0 7 * * *', timezone: 'Europe/Berlin' },
  ]);
  await app.api('POST', `/workflows/${workflowId}/unpublish`);
  expect(await scheduleGone(`sched-${workflowId}.tick`)).toBe(true);
  expect(await scheduleGone(`sched-${workflowId}.evening`)).toBe(true);
});

test('a bad cron or time zone is refused at publish naming the node and param; no version is made', async () => {
  const created = await app.api('POST', '/workflows', {
    ...scheduled('Bad', '0 25 * * *'),
    nodes: [
      { id: 'tick', type: 'trigger.schedule', params: { cron: '0 25 * * *', timezone: 'Europe/Berln' } },
      { id: 'done', type: 'flow.end', params: {} },
    ],
  });
  const workflowId = created.body._id as string;
  const validated = await app.api('POST', `/workflows/${workflowId}/validate`);
  const errors = [
    {
      nodeId: 'tick',
      path: 'params.cron',
      code: 'invalid_params',
      message: 'Node "tick" (trigger.schedule): params.cron hour field: 25 is out of range 0-23',
    },
    {
      nodeId: 'tick',
      path: 'params.timezone',
      code: 'invalid_params',
      message:
        'Node "tick" (trigger.schedule): params.timezone is not an IANA time zone such as Europe/Berlin or UTC',
    },
  ];
  expect(validated.body).toEqual({ valid: false, errors });
  const published = await app.api('POST', `/workflows/${workflowId}/publish`);
  expect(published.status).toBe(422);
  expect(published.body.error).toEqual({
    code: 'unprocessable',
    message: `workflow ${workflowId} has 2 validation errors`,
    details: errors,
  });
  expect((await app.api('GET', `/workflows/${workflowId}/versions`)).body).toEqual({ items: [] });
  expect(await app.schedules.records(workflowId)).toEqual([]);
});

test('reconcile creates schedules a crash left unsynced and deletes those of unpublished workflows', async () => {
  const store = createWorkflowStore(app.services.db);
  // Published, but the process died before the sync: Temporal has no schedule.
  const missing = await store.create(scheduled('Crashed publish', '0 3 * * *'), { userId: 'u1' });
  await store.publish(missing._id, { userId: 'u1', roles: ['admin'] });
  expect(await scheduleGone(`sched-${missing._id}.tick`)).toBe(true);
  // Synced, then unpublished by a process that died before the sync: Temporal still has it.
  const { workflowId: stale } = await createPublished(app, scheduled('Crashed unpublish', '0 4 * * *'));
  await store.unpublish(stale, { userId: 'u1' });
  expect(await scheduleGone(`sched-${stale}.tick`)).toBe(false);

  const outcomes = await app.schedules.reconcile();
  expect(outcomes).toEqual(
    expect.arrayContaining([
      { workflowId: missing._id, upserted: [`sched-${missing._id}.tick`], deleted: [], failed: [] },
      { workflowId: stale, upserted: [], deleted: [`sched-${stale}.tick`], failed: [] },
    ]),
  );
  expect(await scheduleGone(`sched-${missing._id}.tick`)).toBe(false);
  expect(await scheduleGone(`sched-${stale}.tick`)).toBe(true);
  const [record] = await app.schedules.records(missing._id);
  expect(record).toMatchObject({ version: 1, cron: '0 3 * * *', state: 'synced' });
  await store.unpublish(missing._id, { userId: 'u1' });
  await app.schedules.syncWorkflow(missing._id);
  expect(await scheduleGone(`sched-${missing._id}.tick`)).toBe(true);
});
