import type { FakeActivity } from '../testing/fake-effects';
import { deferred, FakeCancellation, FakeEffects } from '../testing/fake-effects';
import { testRequest } from '../testing/test-request';
import fanOut from './fixtures/fan-out-reservations.json';
import parallelReservations from './fixtures/parallel-reservations.json';
import { COMPENSATE_IN_FLIGHT_STEPS } from './in-flight-steps';
import { RunFailure } from './run-failure';
import { runWorkflow, WorkflowRun } from './workflow-run';

/** Lets `count` rounds of the event loop pass, so that steps finish after others have failed. */
const rounds = async (count: number) => {
  for (let round = 0; round < count; round += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Stock holds as the store keeps them: what each reservation holds, and which were released. */
class FakeStock {
  readonly holds = new Map<string, { sku: string; quantity: number }>();
  readonly released: string[] = [];

  reserve(reservationId: string, sku: string, quantity: number) {
    this.holds.set(reservationId, { sku, quantity });
    return { reserved: true, reservationId, lines: [{ productId: sku, quantity }] };
  }

  release(reservationId: string) {
    if (!this.holds.has(reservationId)) throw new Error(`no reservation ${reservationId}`);
    this.released.push(reservationId);
    return { released: [] };
  }

  /** Units still reserved per product; empty when everything reserved was released. */
  stillReserved(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const [id, { sku, quantity }] of this.holds) {
      if (!this.released.includes(id)) totals[sku] = (totals[sku] ?? 0) + quantity;
    }
    return totals;
  }
}

/**
 * Reservations that take a few rounds (different per product) and a service product that fails
 * after one, so that siblings are still in flight when it fails.
 */
function stockActivities(stock: FakeStock, gate?: () => Promise<void>): Record<string, FakeActivity> {
  const slowness: Record<string, number> = { DESK: 3, CHAIR: 5, LAMP: 2 };
  return {
    'erp.reserveStock': async (request) => {
      const sku = String(request.params.productId);
      if (sku === 'SERVICE') {
        await rounds(1);
        throw Object.assign(new Error('SERVICE is a service and holds no stock'), {
          type: 'ValidationError',
        });
      }
      await (gate ? gate() : rounds(slowness[sku] ?? 1));
      return stock.reserve(`rsv-${request.idempotencyKey}`, sku, Number(request.params.quantity));
    },
    'erp.releaseStock': (request) => stock.release(String(request.params.reservationId)),
  };
}

const skus = ['DESK', 'CHAIR', 'LAMP'];
/** Twelve lines, the one at `failing` a service product. */
function lines(failing: number) {
  return Array.from({ length: 12 }, (_, index) =>
    index === failing ? { sku: 'SERVICE', qty: 1 } : { sku: skus[index % 3], qty: (index % 4) + 1 },
  );
}

const reserveFailure = new RunFailure({
  code: 'activity_failed',
  nodeId: 'reserve',
  message:
    'Node "reserve" (erp.reserveStock) failed: SERVICE is a service and holds no stock [ValidationError]',
  error: { message: 'SERVICE is a service and holds no stock', type: 'ValidationError' },
});

describe('compensation under parallelism', () => {
  const positions = { start: 0, middle: 6, end: 11 };
  const table = [1, 2, 10, 50].flatMap((concurrency) =>
    Object.entries(positions).map(([where, failing]) => ({ concurrency, where, failing })),
  );

  test.each(table)(
    'a forEach with concurrency $concurrency and a failing line at the $where releases every reservation once',
    async ({ concurrency, failing }) => {
      const stock = new FakeStock();
      const effects = new FakeEffects({ activities: stockActivities(stock) });
      const running = runWorkflow(
        testRequest(fanOut, { input: { lines: lines(failing), concurrency } }),
        effects,
      );
      await expect(running).rejects.toEqual(reserveFailure);
      expect(stock.stillReserved()).toEqual({});
      expect([...stock.released].sort()).toEqual([...stock.holds.keys()].sort());
      // With one at a time the lines before the failing one were reserved; with 50 all the others,
      // most of them finishing after the failure.
      if (concurrency === 1) expect(stock.holds.size).toBe(failing);
      if (concurrency === 50) expect(stock.holds.size).toBe(11);
    },
  );

  test('a failing branch waits for its siblings in flight, and undoes what each completed', async () => {
    const stock = new FakeStock();
    const effects = new FakeEffects({ activities: stockActivities(stock) });
    const run = new WorkflowRun(
      testRequest(parallelReservations, { input: { failing: 'SERVICE' } }),
      effects,
    );
    await expect(run.execute()).rejects.toMatchObject({ code: 'activity_failed', nodeId: 'install' });
    // The desk and chair were still being reserved when the install failed; the lamp after the
    // chair never started.
    expect(stock.stillReserved()).toEqual({});
    expect(stock.released).toEqual(['rsv-run-1/chair/1', 'rsv-run-1/desk/1']);
    expect(effects.activityCalls.some((call) => call.nodeId === 'lamp')).toBe(false);
    // The trace shows the siblings completed after the failure, then undone.
    expect(
      run.trace().map((entry) => `${entry.nodeId}:${entry.status}${entry.compensation ? ':undo' : ''}`),
    ).toEqual([
      'start:completed',
      'desk:completed',
      'chair:completed',
      'install:failed',
      'chair:completed:undo',
      'desk:completed:undo',
    ]);
  });

  test('a cancelled run lets the steps in flight finish, then undoes them', async () => {
    const stock = new FakeStock();
    const gates: (() => void)[] = [];
    const gate = () => {
      const open = deferred();
      gates.push(() => open.resolve());
      return open.promise;
    };
    const effects = new FakeEffects({ activities: stockActivities(stock, gate) });
    const run = new WorkflowRun(
      testRequest(fanOut, { input: { lines: lines(-1), concurrency: 10 } }),
      effects,
    );
    const running = run.execute();
    while (gates.length < 10) await rounds(1);
    effects.cancel();
    await rounds(2);
    // The cancel came while all ten were in flight; each finishes after it.
    for (const open of gates.splice(0)) open();
    await expect(running).rejects.toBeInstanceOf(FakeCancellation);
    expect(stock.holds.size).toBe(10);
    expect(stock.stillReserved()).toEqual({});
    expect(effects.activityCalls.filter((call) => call.activity === 'erp.reserveStock')).toHaveLength(10);
    const reserveVisits = run.trace().filter((entry) => entry.nodeId === 'reserve');
    expect(reserveVisits.map((entry) => `${entry.status}${entry.compensation ? ':undo' : ''}`)).toEqual([
      ...Array<string>(10).fill('completed'),
      ...Array<string>(10).fill('completed:undo'),
    ]);
  });

  test('a step that fails after the run stopped leaves nothing to undo', async () => {
    const stock = new FakeStock();
    const activities = stockActivities(stock);
    const effects = new FakeEffects({
      activities: {
        ...activities,
        'erp.reserveStock': async (request) => {
          if (request.params.productId !== 'CHAIR') return activities['erp.reserveStock']!(request);
          await rounds(4);
          throw Object.assign(new Error('Only 1 of 4 available'), { type: 'InsufficientStockError' });
        },
      },
    });
    const running = runWorkflow(
      testRequest(parallelReservations, { input: { failing: 'SERVICE' } }),
      effects,
    );
    await expect(running).rejects.toMatchObject({ code: 'activity_failed', nodeId: 'install' });
    expect(stock.released).toEqual(['rsv-run-1/desk/1']);
    expect(stock.stillReserved()).toEqual({});
  });

  test('a history recorded before the change replays the older path: siblings in flight are abandoned', async () => {
    const stock = new FakeStock();
    const effects = new FakeEffects({
      activities: stockActivities(stock),
      unpatched: [COMPENSATE_IN_FLIGHT_STEPS],
    });
    const running = runWorkflow(
      testRequest(fanOut, { input: { lines: lines(0), concurrency: 10 } }),
      effects,
    );
    await expect(running).rejects.toEqual(reserveFailure);
    expect(effects.activityCalls.some((call) => call.finishOnCancel)).toBe(false);
    expect(stock.released).toEqual([]);
  });
});
