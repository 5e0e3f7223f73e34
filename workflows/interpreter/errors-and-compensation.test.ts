import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { ActivityRequest } from './effects';
import { deferred, FakeCancellation, FakeEffects } from '../testing/fake-effects';
import orderSaga from './fixtures/order-saga.json';
import { RunFailure } from './run-failure';
import { testRequest } from '../testing/test-request';
import { runWorkflow, WorkflowRun } from './workflow-run';

const stockError = () =>
  Object.assign(new Error('Only 2 of 5 available'), { type: 'InsufficientStockError' });

/** trigger -> reserve (erp.reserveStock) -> ok, with the error port optionally wired to `handle`. */
function reserveFlow(errorPort: boolean): WorkflowDefinition {
  return {
    name: 'Reserve with error handling',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'reserve',
        type: 'erp.reserveStock',
        params: { productId: '=$input.sku', quantity: 5 },
        retry: { maximumAttempts: 2, initialInterval: 'PT2S' },
      },
      { id: 'ok', type: 'data.set', params: { values: { reserved: true } } },
      {
        id: 'handle',
        type: 'flow.end',
        params: {
          output: { message: '=$error.message', type: '=$error.type', failed: '=$nodes.reserve.error.type' },
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'reserve' },
      { id: 'e2', source: 'reserve', target: 'ok' },
      ...(errorPort ? [{ id: 'e3', source: 'reserve', sourcePort: 'error', target: 'handle' }] : []),
    ],
  };
}

describe('activity errors', () => {
  test('go to the error port, with $error bound, when it is connected', async () => {
    const effects = new FakeEffects({
      activities: { 'erp.reserveStock': () => Promise.reject(stockError()) },
    });
    const run = new WorkflowRun(testRequest(reserveFlow(true), { input: { sku: 'P-1' } }), effects);
    await expect(run.execute()).resolves.toEqual({
      kind: 'completed',
      output: {
        message: 'Only 2 of 5 available',
        type: 'InsufficientStockError',
        failed: 'InsufficientStockError',
      },
    });
    expect(run.trace().map((entry) => `${entry.nodeId}:${entry.status}:${entry.port ?? ''}`)).toEqual([
      'start:completed:out',
      'reserve:completed:error',
      'handle:completed:',
    ]);
  });

  test('fail the run, naming the node, when the error port is not connected', async () => {
    const effects = new FakeEffects({
      activities: { 'erp.reserveStock': () => Promise.reject(stockError()) },
    });
    const run = new WorkflowRun(testRequest(reserveFlow(false), { input: { sku: 'P-1' } }), effects);
    const failure = await run.execute().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunFailure);
    expect((failure as RunFailure).toJSON()).toEqual({
      code: 'activity_failed',
      nodeId: 'reserve',
      message: 'Node "reserve" (erp.reserveStock) failed: Only 2 of 5 available [InsufficientStockError]',
      error: { message: 'Only 2 of 5 available', type: 'InsufficientStockError' },
    });
    expect(run.trace()[1]).toMatchObject({
      nodeId: 'reserve',
      status: 'failed',
      error: { message: 'Only 2 of 5 available', type: 'InsufficientStockError' },
    });
  });

  test('the activity gets the resolved params, the idempotency key and the merged retry policy', async () => {
    const effects = new FakeEffects({ activities: { 'erp.reserveStock': () => ({ reservationId: 'r1' }) } });
    await runWorkflow(testRequest(reserveFlow(true), { input: { sku: 'P-1' } }), effects);
    expect(effects.activityCalls).toEqual<ActivityRequest[]>([
      {
        activity: 'erp.reserveStock',
        nodeType: 'erp.reserveStock',
        nodeId: 'reserve',
        visit: 1,
        idempotencyKey: 'run-1/reserve/1',
        params: { productId: 'P-1', quantity: 5 },
        retry: {
          maximumAttempts: 2,
          initialIntervalMs: 2000,
          backoffCoefficient: 2,
          maximumIntervalMs: 60000,
          nonRetryableErrorTypes: ['ValidationError', 'NotFoundError', 'ConflictError', 'PermissionError'],
        },
        startToCloseTimeoutMs: 60000,
        run: { id: 'run-1', workflowId: 'wf-test', version: 1, startedAt: '2025-01-31T09:00:00.000Z' },
        compensation: false,
        finishOnCancel: true,
      },
    ]);
  });
});

describe('compensation', () => {
  const trigger = { event: 'created', entity: { _id: 'so-1', number: 'SO-2025-0001' } };
  const sagaActivities = {
    'entity.create': () => ({ _id: 'shp-1', version: 1 }),
    'erp.reserveStock': (request: ActivityRequest) => ({ reservationId: `res-${request.nodeId}` }),
  };
  const undoCalls = (effects: FakeEffects) =>
    effects.activityCalls
      .filter((call) => call.compensation)
      .map((call) => [call.activity, call.idempotencyKey, call.params]);
  const expectedUndo = [
    ['erp.releaseStock', 'run-1/gift/1/compensate', { reservationId: 'res-gift' }],
    ['erp.releaseStock', 'run-1/stock/1/compensate', { reservationId: 'res-stock' }],
    ['entity.archive', 'run-1/shipment/1/compensate', { entityType: 'shipment', id: 'shp-1' }],
  ];

  test('a failing run undoes its completed steps in reverse order, then fails', async () => {
    const effects = new FakeEffects({
      activities: sagaActivities,
      humanTask: () => ({ outcome: 'rejected' }),
    });
    const run = new WorkflowRun(testRequest(orderSaga, { trigger, startNodeId: 'start' }), effects);
    await expect(run.execute()).rejects.toEqual(
      new RunFailure({ code: 'flow_fail', nodeId: 'stop', message: 'Order SO-2025-0001 was rejected' }),
    );
    expect(undoCalls(effects)).toEqual(expectedUndo);
    expect(
      run
        .trace()
        .filter((entry) => entry.compensation)
        .map((entry) => [entry.nodeId, entry.status]),
    ).toEqual([
      ['gift', 'completed'],
      ['stock', 'completed'],
      ['shipment', 'completed'],
    ]);
  });

  test('a cancelled run undoes its completed steps in reverse order, then rethrows the cancellation', async () => {
    const asked = deferred();
    const effects = new FakeEffects({
      activities: sagaActivities,
      humanTask: () => {
        asked.resolve();
        return new Promise(() => {});
      },
    });
    const running = runWorkflow(testRequest(orderSaga, { trigger }), effects);
    await asked.promise;
    effects.cancel();
    await expect(running).rejects.toBeInstanceOf(FakeCancellation);
    expect(undoCalls(effects)).toEqual(expectedUndo);
  });

  test('a compensation that fails is reported, and the others still run', async () => {
    const effects = new FakeEffects({
      activities: {
        ...sagaActivities,
        'erp.releaseStock': (request) => {
          if (request.nodeId === 'stock') throw new Error('Reservation already released');
          return { released: [] };
        },
      },
      humanTask: () => ({ outcome: 'rejected' }),
    });
    const failure = await runWorkflow(testRequest(orderSaga, { trigger }), effects).catch(
      (error: unknown) => error,
    );
    expect((failure as RunFailure).toJSON()).toEqual({
      code: 'flow_fail',
      nodeId: 'stop',
      message: 'Order SO-2025-0001 was rejected',
      compensationFailures: [
        { nodeId: 'stock', activity: 'erp.releaseStock', message: 'Reservation already released' },
      ],
    });
    expect(undoCalls(effects)).toEqual(expectedUndo);
  });

  test('a run that completes undoes nothing', async () => {
    const effects = new FakeEffects({
      activities: sagaActivities,
      humanTask: () => ({ outcome: 'approved' }),
    });
    await expect(runWorkflow(testRequest(orderSaga, { trigger }), effects)).resolves.toEqual({
      kind: 'completed',
      output: { ok: true },
    });
    expect(undoCalls(effects)).toEqual([]);
  });

  test('an activity with an unusable output records nothing to undo', async () => {
    const effects = new FakeEffects({
      activities: {
        'entity.create': () => ({ version: 1 }),
        'erp.reserveStock': () => ({ reservationId: 'r' }),
      },
      humanTask: () => ({ outcome: 'rejected' }),
    });
    await runWorkflow(testRequest(orderSaga, { trigger }), effects).catch(() => undefined);
    expect(undoCalls(effects).map(([activity]) => activity)).toEqual([
      'erp.releaseStock',
      'erp.releaseStock',
    ]);
  });
});
