import { WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadWorkflowBundle } from '../../../worker/workflow-bundle';
import { createEntityRepository, type EntityRecord } from '../../../domain/entities';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { eventually } from '../../support/eventually';
import { graph, queryTrace, runInput, startRun } from '../engine/engine-harness';
import { createCompany, levels, type Company } from './company';

/*
 * Stock reserved by parallel branches and forEach items of a run that fails or is cancelled is
 * released exactly, whatever the concurrency and wherever the failing line sits: on-hand and
 * reserved quantities are back to what they were, to the unit.
 */

let services: TestServices;
let c: Company;
beforeAll(async () => {
  services = await connectTestServices('parallel-compensation');
  c = await createCompany(createEntityRepository(services.db), { desk: 100, chairMain: 100 });
});
afterAll(() => services.close());

const untouched = {
  'DESK@Main': { onHand: 100, reserved: 0, available: 100 },
  'CHAIR@Main': { onHand: 100, reserved: 0, available: 100 },
};

async function stockLevels() {
  return {
    'DESK@Main': await levels(c, 'DESK@Main'),
    'CHAIR@Main': await levels(c, 'CHAIR@Main'),
  };
}

/** Twelve order lines of desks and chairs; the one at `failing` is a service, which holds no stock. */
function lines(failing: number) {
  return Array.from({ length: 12 }, (_, index) => {
    const product: EntityRecord = index === failing ? c.service : index % 2 === 0 ? c.desk : c.chair;
    return { productId: product._id, quantity: (index % 3) + 1 };
  });
}

const reserveEachLine = graph(
  'Reserve every line',
  [
    { id: 'start', type: 'trigger.manual' },
    {
      id: 'lines',
      type: 'flow.forEach',
      params: { items: '=$input.lines', body: 'reserve', concurrency: '=$input.concurrency' },
    },
    {
      id: 'reserve',
      type: 'erp.reserveStock',
      params: {
        productId: '=$item.productId',
        quantity: '=$item.quantity',
        warehouseId: '=$input.warehouseId',
      },
    },
  ],
  ['start->lines'],
);

describe('compensation under parallelism, on the real services', () => {
  const table = [1, 2, 10, 50].flatMap((concurrency) =>
    [
      ['start', 0],
      ['middle', 6],
      ['end', 11],
    ].map(([where, failing]) => ({ concurrency, where: where as string, failing: failing as number })),
  );

  it.each(table)(
    'a forEach with concurrency $concurrency and a service line at the $where leaves stock as it was',
    async ({ concurrency, failing }) => {
      const failure = await services.withWorker(async () => {
        const handle = await startRun(
          services,
          runInput(reserveEachLine, { lines: lines(failing), concurrency, warehouseId: c.main._id }),
        );
        return handle.result().catch((error: unknown) => error);
      });
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'activity_failed' });
      expect(await stockLevels()).toEqual(untouched);
    },
  );

  it('a failing parallel branch releases what its siblings reserved', async () => {
    const definition = graph(
      'Reserve in branches',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'desk',
          type: 'erp.reserveStock',
          params: { productId: c.desk._id, quantity: 3, warehouseId: c.main._id },
        },
        {
          id: 'chair',
          type: 'erp.reserveStock',
          params: { productId: c.chair._id, quantity: 4, warehouseId: c.main._id },
        },
        {
          id: 'install',
          type: 'erp.reserveStock',
          params: { productId: c.service._id, quantity: 1, warehouseId: c.main._id },
        },
        { id: 'both', type: 'logic.join', params: { mode: 'all' } },
      ],
      ['start->desk', 'start->chair', 'start->install', 'desk->both', 'chair->both', 'install->both'],
    );
    const failure = await services.withWorker(async () =>
      (await startRun(services, runInput(definition))).result().catch((error: unknown) => error),
    );
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'activity_failed' });
    expect(await stockLevels()).toEqual(untouched);
  });

  it('a run cancelled while its items wait releases every item’s reservation', async () => {
    const definition = graph(
      'Reserve then approve each line',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'lines',
          type: 'flow.forEach',
          params: { items: '=$input.lines', body: 'reserve', concurrency: 10 },
        },
        {
          id: 'reserve',
          type: 'erp.reserveStock',
          params: { productId: '=$item.productId', quantity: '=$item.quantity', warehouseId: c.main._id },
        },
        { id: 'approve', type: 'human.approval', params: { assigneeRole: 'admin', title: 'Ship it?' } },
      ],
      ['start->lines', 'reserve->approve'],
    );
    await services.withWorker(async () => {
      const handle = await startRun(services, runInput(definition, { lines: lines(-1) }));
      // Ten items hold their stock and wait for approval; two lines have not started.
      await eventually(async () => {
        const { trace } = await queryTrace(handle);
        return trace.filter((entry) => entry.nodeId === 'approve').length === 10 ? true : undefined;
      });
      expect((await stockLevels())['DESK@Main'].reserved).toBeGreaterThan(0);
      await handle.cancel();
      await handle.result().catch(() => undefined);
      const { trace } = await queryTrace(handle);
      expect(trace.filter((entry) => entry.compensation && entry.status === 'completed')).toHaveLength(10);
    });
    expect(await stockLevels()).toEqual(untouched);
  });

  it('a run cancelled while its reservations are in flight lets them finish, then releases them', async () => {
    const definition = graph(
      'Reserve every line, then wait',
      [
        { id: 'start', type: 'trigger.manual' },
        {
          id: 'lines',
          type: 'flow.forEach',
          params: { items: '=$input.lines', body: 'reserve', concurrency: 10 },
        },
        {
          id: 'reserve',
          type: 'erp.reserveStock',
          params: { productId: '=$item.productId', quantity: '=$item.quantity', warehouseId: c.main._id },
        },
      ],
      ['start->lines'],
    );
    const handle = await startRun(services, runInput(definition, { lines: lines(-1).slice(0, 10) }));
    const events = async () => (await handle.fetchHistory()).events ?? [];
    const { EventType } = temporal.api.enums.v1;
    const count = async (type: temporal.api.enums.v1.EventType) =>
      (await events()).filter((event) => event.eventType === type).length;

    // A worker that runs workflows but no activities: the ten reservations are scheduled and stay
    // in flight while the run is cancelled, and the run takes the cancel without ending.
    const connection = await NativeConnection.connect({ address: services.temporalAddress });
    try {
      const workflowsOnly = await Worker.create({
        connection,
        namespace: services.namespace,
        taskQueue: services.taskQueue,
        workflowBundle: await loadWorkflowBundle(),
      });
      await workflowsOnly.runUntil(async () => {
        await eventually(async () =>
          (await count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)) === 10 ? true : undefined,
        );
        await handle.cancel();
        await eventually(async () => {
          const history = await events();
          const requested = history.findIndex(
            (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
          );
          const taken = history.findIndex(
            (event, index) =>
              index > requested && event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
          );
          return requested >= 0 && taken >= 0 ? true : undefined;
        });
      });
    } finally {
      await connection.close();
    }
    expect(await count(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED)).toBe(0);
    expect(await stockLevels()).toEqual(untouched);

    // The full worker runs the reservations now, after the cancel, and the run undoes each.
    const trace = await services.withWorker(async () => {
      await handle.result().catch(() => undefined);
      return (await queryTrace(handle)).trace;
    });
    const { status } = await handle.describe();
    expect(status.name).toBe('CANCELLED');
    expect(trace.filter((entry) => entry.compensation && entry.status === 'completed')).toHaveLength(10);
    // Ten reservations, ten releases, and the cancelled run's figures recorded as it closes.
    expect(await count(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).toBe(21);
    expect(await stockLevels()).toEqual(untouched);
  });
});
