import type { WorkflowDefinition } from '../definition/workflow-definition';
import { deferred, FakeEffects } from '../testing/fake-effects';
import forEachLines from './fixtures/for-each-lines.json';
import { RunFailure } from './run-failure';
import { testRequest } from '../testing/test-request';
import { runWorkflow, WorkflowRun } from './workflow-run';

const lines = [
  { sku: 'A', qty: 1 },
  { sku: 'B', qty: 2 },
  { sku: 'C', qty: 3 },
  { sku: 'D', qty: 4 },
  { sku: 'E', qty: 5 },
];

/** The for-each fixture with other params on its forEach node. */
function withForEachParams(params: Record<string, unknown>): WorkflowDefinition {
  return {
    ...forEachLines,
    nodes: forEachLines.nodes.map((node) =>
      node.id === 'lines' ? { ...node, params: { ...node.params, ...params } } : node,
    ),
  };
}

describe('flow.forEach', () => {
  test('runs at most "concurrency" items at once and collects results in item order', async () => {
    // Each reservation waits until the test releases it, in reverse order of arrival.
    const waiting: { sku: string; release: () => void }[] = [];
    const effects = new FakeEffects({
      activities: {
        'erp.reserveStock': async (request) => {
          const gate = deferred();
          waiting.push({ sku: String(request.params.productId), release: () => gate.resolve() });
          await gate.promise;
          return { reservationId: `r-${String(request.params.productId)}` };
        },
      },
    });
    const running = runWorkflow(testRequest(forEachLines, { input: { lines } }), effects);
    const released: string[] = [];
    while (released.length < lines.length) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = waiting.pop();
      if (!next) continue;
      released.push(next.sku);
      next.release();
    }
    await expect(running).resolves.toEqual({
      kind: 'completed',
      output: {
        results: lines.map(({ sku }, index) => ({ sku, index, reservation: `r-${sku}`, event: 'manual' })),
        bodySeenAfter: false,
      },
    });
    expect(effects.maxInFlight).toBe(2);
    expect(released).not.toEqual(lines.map(({ sku }) => sku));
  });

  test.each([1, 3, 50])('with concurrency %d never has more items in flight', async (concurrency) => {
    const effects = new FakeEffects({
      activities: {
        'erp.reserveStock': async () => {
          for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
          return { reservationId: 'r' };
        },
      },
    });
    await runWorkflow(testRequest(withForEachParams({ concurrency }), { input: { lines } }), effects);
    expect(effects.maxInFlight).toBe(Math.min(concurrency, lines.length));
  });

  test("each item's visits have their own visit number, idempotency key and trace item", async () => {
    const effects = new FakeEffects();
    const run = new WorkflowRun(testRequest(forEachLines, { input: { lines: lines.slice(0, 2) } }), effects);
    await run.execute();
    expect(effects.activityCalls.map((call) => [call.idempotencyKey, call.params])).toEqual([
      ['run-1/reserve/1', { productId: 'A', quantity: 1, reference: 'line-0' }],
      ['run-1/reserve/2', { productId: 'B', quantity: 2, reference: 'line-1' }],
    ]);
    expect(
      run
        .trace()
        .filter((entry) => entry.item)
        .map((entry) => [entry.nodeId, entry.item]),
    ).toEqual([
      ['reserve', { forEach: 'lines', index: 0 }],
      ['reserve', { forEach: 'lines', index: 1 }],
      ['lineResult', { forEach: 'lines', index: 0 }],
      ['lineResult', { forEach: 'lines', index: 1 }],
    ]);
  });

  test('an empty list gives an empty result', async () => {
    await expect(
      runWorkflow(testRequest(forEachLines, { input: { lines: [] } }), new FakeEffects()),
    ).resolves.toEqual({
      kind: 'completed',
      output: { results: [], bodySeenAfter: false },
    });
  });

  test('a flow.end in the body ends the item with its output', async () => {
    const definition: WorkflowDefinition = {
      name: 'Body with end',
      nodes: [
        { id: 'start', type: 'trigger.manual', params: {} },
        { id: 'each', type: 'flow.forEach', params: { items: [1, 2, 3], body: 'double' } },
        { id: 'double', type: 'flow.end', params: { output: '=$item * 2' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'each' }],
    };
    // `each` leaves by an unconnected port, so its output is the run's.
    await expect(runWorkflow(testRequest(definition), new FakeEffects())).resolves.toEqual({
      kind: 'completed',
      output: [2, 4, 6],
    });
  });

  test('an item that fails fails the run, naming the node in the body', async () => {
    const effects = new FakeEffects({
      activities: {
        'erp.reserveStock': (request) => {
          if (request.params.productId === 'C')
            throw Object.assign(new Error('No stock for C'), { type: 'InsufficientStockError' });
          return { reservationId: `r-${String(request.params.productId)}` };
        },
        'erp.releaseStock': () => ({ released: [] }),
      },
    });
    await expect(runWorkflow(testRequest(forEachLines, { input: { lines } }), effects)).rejects.toEqual(
      new RunFailure({
        code: 'activity_failed',
        nodeId: 'reserve',
        message: 'Node "reserve" (erp.reserveStock) failed: No stock for C [InsufficientStockError]',
      }),
    );
    // Every reservation that completed is released, newest first: D ran alongside C and finished first.
    expect(effects.activityCalls.filter((call) => call.compensation).map((call) => call.params)).toEqual([
      { reservationId: 'r-D' },
      { reservationId: 'r-B' },
      { reservationId: 'r-A' },
    ]);
  });

  test('items must be a list', async () => {
    await expect(
      runWorkflow(testRequest(forEachLines, { input: { lines: { sku: 'A' } } }), new FakeEffects()),
    ).rejects.toThrow('Node "lines" (flow.forEach) failed: params.items must be an array, got {"sku":"A"}');
  });
});
