import { temporal } from '@temporalio/proto';
import { entityWatchesCollection } from '../../../domain/triggers';
import type { WorkflowDefinition } from '../../../workflows';
import { entityChangedSignalName } from '../../../workflows/runtime/run-contract';
import { entityWatchPatch } from '../../../worker/workflows/entity-watch';
import { runStatsPatch } from '../../../worker/workflows/run-stats';
import { eventually } from '../../support/eventually';
import { inParallel, startTriggerHarness, type TriggerHarness } from './trigger-harness';

/*
 * flow.waitFor wakes on the entity event stream: the run registers a watch before it reads the record,
 * and the dispatcher signals it (`entityChanged`) when the record is written. The 5-minute poll stays
 * as a fallback; these runs finish without it.
 */

jest.setTimeout(600_000);

const { EventType } = temporal.api.enums.v1;

let harness: TriggerHarness;

beforeAll(async () => {
  harness = await startTriggerHarness('triggers-wait');
});

afterAll(async () => {
  await harness.close();
});

const actor = { actor: { userId: 'tester' }, roles: ['admin'] as const };

function waitForHold(id: string, timeout = 'PT1H'): WorkflowDefinition {
  return {
    name: `Wait for ${id} on hold`,
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'wait',
        type: 'flow.waitFor',
        params: { entityType: 'supplier', id, condition: '=status = "onHold"', timeout },
      },
      { id: 'held', type: 'flow.end', params: { output: { status: '=$nodes.wait.status' } } },
      { id: 'late', type: 'flow.end', params: { output: { timedOut: true } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'held' },
      { id: 'e3', source: 'wait', sourcePort: 'timeout', target: 'late' },
    ],
  };
}

async function newSupplier(name: string): Promise<string> {
  const { record } = await harness.repo.create(
    'supplier',
    { name, status: 'active', currency: 'EUR', paymentTerms: 'net30' },
    actor,
  );
  return record._id;
}

async function startRun(workflowId: string): Promise<string> {
  const started = await harness.api('POST', `/workflows/${workflowId}/runs`, { input: {} });
  expect(started.status).toBe(201);
  return started.body.runId as string;
}

function watchesOf(runId: string): Promise<number> {
  return harness.services.db.collection(entityWatchesCollection).countDocuments({ runId });
}

test('a waiting run wakes on the entity event, by signal, not by the poll', async () => {
  const { services } = harness;
  await services.withWorker(async () => {
    const id = await newSupplier('Awaited');
    const runId = await startRun(await harness.publish(waitForHold(id)));
    await eventually(async () => ((await watchesOf(runId)) === 1 ? true : undefined));
    const handle = services.temporal.workflow.getHandle(runId);
    // Waiting: its registering read returned and its poll timer runs. (A write before that is seen
    // by the read itself, and the run never waits.)
    await eventually(async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      return events.some((event) => event.eventType === EventType.EVENT_TYPE_TIMER_STARTED)
        ? true
        : undefined;
    });

    await harness.repo.update('supplier', id, { status: 'onHold' }, {}, actor);

    expect(await handle.result()).toEqual({ status: 'onHold' });
    const events = (await handle.fetchHistory()).events ?? [];
    const ofType = (type: temporal.api.enums.v1.EventType) =>
      events.filter((event) => event.eventType === type);
    // The new path: the patch marker, one registering read, the signal, the watch removed; then
    // the run's figures recorded as it closes.
    const patches = ofType(EventType.EVENT_TYPE_MARKER_RECORDED).map((event) => {
      const data = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
      return (JSON.parse(Buffer.from(data ?? []).toString()) as { id: string }).id;
    });
    expect(patches).toEqual([entityWatchPatch, runStatsPatch]);
    expect(
      ofType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).map(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name,
      ),
    ).toEqual(['entity.watch', 'entity.unwatch', 'run.recordStats']);
    expect(
      ofType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).map(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName,
      ),
    ).toEqual([entityChangedSignalName]);
    // The poll's timer was started and cancelled, never fired.
    expect(ofType(EventType.EVENT_TYPE_TIMER_FIRED)).toHaveLength(0);
    expect(ofType(EventType.EVENT_TYPE_TIMER_CANCELED)).toHaveLength(1);
    expect(await watchesOf(runId)).toBe(0);
  });
});

test('a write racing the start of the wait is never missed', async () => {
  const { services } = harness;
  await services.withWorker(async () => {
    const ids = await inParallel([1, 2, 3, 4, 5, 6], 3, (i) => newSupplier(`Racer ${i}`));
    const runs = await inParallel(ids, 3, async (id) => {
      const runId = await startRun(await harness.publish(waitForHold(id)));
      // No waiting for the watch: the write lands before, during or after the registration.
      await harness.repo.update('supplier', id, { status: 'onHold' }, {}, actor);
      return runId;
    });
    const results = await Promise.all(
      runs.map((runId) => services.temporal.workflow.getHandle(runId).result()),
    );
    expect(results).toEqual(runs.map(() => ({ status: 'onHold' })));
    expect(await Promise.all(runs.map(watchesOf))).toEqual(runs.map(() => 0));
  });
});

test('a wait that times out leaves by its timeout port and removes its watch', async () => {
  const { services } = harness;
  await services.withWorker(async () => {
    const id = await newSupplier('Never held');
    const runId = await startRun(await harness.publish(waitForHold(id, 'PT2S')));
    expect(await services.temporal.workflow.getHandle(runId).result()).toEqual({ timedOut: true });
    expect(await watchesOf(runId)).toBe(0);
  });
});
