import { tasksCollection, type TaskDocument } from '../../../domain/tasks';
import type { ChartWidget, SectionView, StatWidget, Widget } from '../../../domain/insight';
import type { EntityType } from '../../../schemas';
import { dashboardRoutes } from '../../../server/routes/dashboards';
import type { Role } from '../../../server/auth/actor';
import { startEntityApi, type EntityApi } from '../entities/entity-api';

/** Every figure below is computed by hand for this instant: today is 2027-01-15. */
const now = new Date('2027-01-15T12:00:00.000Z');
const actor = { actor: { userId: 'dashboards-test' }, roles: ['admin'] as const };

let api: EntityApi;
/** GETs an API path as an admin, or with the roles in `as`. */
const get = (path: string, as?: Role[]) =>
  api.request('GET', path, undefined, as === undefined ? {} : { as });
type Made = Record<string, unknown> & { _id: string };
const make = async (type: EntityType, input: Record<string, unknown>): Promise<Made> =>
  (await api.repo.create(type, input, actor)).record;
const move = async (type: EntityType, id: string, patch: Record<string, unknown>): Promise<Made> =>
  await api.repo.update(type, id, patch, {}, actor);

let accountId: string;
let productId: string;
/** One untaxed line, so a document's total is its price. */
const priced = (unitPrice: number) => [{ productId, quantity: 1, unitPrice, taxRateBp: 0 }];

/** A widget of a section's answer, by id and kind. */
function widget<K extends Widget['kind']>(kind: K, body: unknown, id: string): Extract<Widget, { kind: K }> {
  const found = (body as SectionView).widgets.find((w) => w.id === id);
  if (found?.kind !== kind) throw new Error(`no ${kind} widget ${id}`);
  return found as Extract<Widget, { kind: K }>;
}
const chart = (body: unknown, id: string): ChartWidget => widget('chart', body, id);
const stat = (body: unknown, id: string): StatWidget => widget('stat', body, id);

/** The ids a widget's drill-through link lists, through the entity list endpoint. */
async function listed(link: string | null | undefined): Promise<string[]> {
  const [, type, query] = /^\/entities\/([A-Za-z]+)\?(.*)$/.exec(link ?? '')!;
  const response = await get(`/entities/${type}?${query}&limit=200`);
  expect(response.status).toBe(200);
  return (response.body as { items: Made[] }).items.map((item) => item._id).sort();
}

beforeAll(async () => {
  // The clock is fixed and nothing is cached, so each answer reflects the records made before it.
  api = await startEntityApi('dashboards', (services) => [
    dashboardRoutes({
      db: services.db,
      temporal: services.temporal,
      now: () => now,
      cacheMs: { freshMs: 0, staleMs: 0 },
    }),
  ]);
  accountId = (await make('account', { name: 'Ageing Ltd', currency: 'EUR' }))._id;
  productId = (await make('product', { sku: 'DASH-1', name: 'Desk', unitPrice: 1000, currency: 'EUR' }))._id;
});
afterAll(async () => {
  await api.close();
});

describe('the finance section', () => {
  const byDays = new Map<number, string>();
  let partlyPaid: Made;

  beforeAll(async () => {
    // Issued on their due date, days past due 0, 1, 30, 31, 60, 61, 90 and 91.
    const due: Array<[number, string, number]> = [
      [0, '2027-01-15', 100],
      [1, '2027-01-14', 200],
      [30, '2026-12-16', 400],
      [31, '2026-12-15', 800],
      [60, '2026-11-16', 1600],
      [61, '2026-11-15', 3200],
      [90, '2026-10-17', 6400],
      [91, '2026-10-16', 12800],
    ];
    for (const [days, day, amount] of due) {
      const invoice = await make('invoice', {
        accountId,
        currency: 'EUR',
        status: 'issued',
        issueDate: day,
        dueDate: day,
        lines: priced(amount),
      });
      byDays.set(days, invoice._id);
    }
    partlyPaid = await make('invoice', {
      accountId,
      currency: 'EUR',
      status: 'issued',
      issueDate: '2027-01-10',
      dueDate: '2027-01-20',
      lines: priced(1000),
    });
    const paid = await make('invoice', {
      accountId,
      currency: 'EUR',
      status: 'issued',
      issueDate: '2026-12-20',
      dueDate: '2026-12-20',
      lines: priced(5000),
    });
    const payment = (invoiceId: string, amount: number, receivedAt: string) =>
      make('payment', { invoiceId, accountId, amount, currency: 'EUR', method: 'bankTransfer', receivedAt });
    await payment(partlyPaid._id, 250, '2027-01-12T10:00:00.000Z');
    await payment(paid._id, 5000, '2027-01-05T10:00:00.000Z');
    // Neither a draft nor another currency is owed in euros.
    await make('invoice', { accountId, currency: 'EUR', issueDate: '2027-01-02', lines: priced(9999) });
    await make('invoice', {
      accountId,
      currency: 'USD',
      status: 'issued',
      issueDate: '2026-12-06',
      dueDate: '2026-12-06',
      lines: priced(7777),
    });
  });

  it('ages what is owed by whole days past due, exactly on the bucket boundaries', async () => {
    const response = await get('/dashboards/finance', ['finance']);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ section: 'finance', currency: 'EUR', asOf: '2027-01-15' });
    const ageing = chart(response.body, 'ageing');
    expect(ageing.categories).toEqual(['Current', '1–30 days', '31–60 days', '61–90 days', '90+ days']);
    // current: 100 due today + 1000 − 250 paid; 1–30: 200 + 400; 31–60: 800 + 1600; 61–90: 3200 + 6400.
    expect(ageing.series).toEqual([{ name: 'Owed', values: [850, 600, 2400, 9600, 12800] }]);
    const ids = (...days: number[]) => days.map((d) => byDays.get(d)!);
    expect(await listed(ageing.links![0])).toEqual([...ids(0), partlyPaid._id].sort());
    expect(await listed(ageing.links![1])).toEqual(ids(1, 30).sort());
    expect(await listed(ageing.links![2])).toEqual(ids(31, 60).sort());
    expect(await listed(ageing.links![3])).toEqual(ids(61, 90).sort());
    expect(await listed(ageing.links![4])).toEqual(ids(91));
  });

  it('reports receivables, days sales outstanding, past-due invoices and payments received', async () => {
    const { body } = await get('/dashboards/finance', ['finance']);
    expect(stat(body, 'receivable').value).toBe(26250);
    // 26250 owed over 12300 invoiced since 2026-10-18 (6300 + 1000 + 5000), times 90 days.
    expect(stat(body, 'dso').value).toBe(192.1);
    expect(stat(body, 'pastDue')).toMatchObject({ value: 7, secondary: { value: 25400 } });
    expect((await listed(stat(body, 'pastDue').link)).length).toBe(7);
    expect(stat(body, 'paymentsReceived')).toMatchObject({ value: 5250, secondary: { value: 2 } });
    expect((await listed(stat(body, 'paymentsReceived').link)).length).toBe(2);
    const revenue = chart(body, 'revenueByMonth');
    expect(revenue.categories.slice(-4)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    expect(revenue.series[0]!.values.slice(-4)).toEqual([19200, 4800, 6200, 1300]);
    expect(revenue.series[0]!.values.slice(0, -4)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await listed(revenue.links!.at(-3))).length).toBe(2);
  });
});

describe('the sales section', () => {
  beforeAll(async () => {
    // New deals start prospecting; they move to their stage after.
    const deal = async (amount: number, stage?: string, probabilityBp?: number) => {
      const made = await make('opportunity', {
        name: 'Deal',
        accountId,
        currency: 'EUR',
        amount,
        ...(probabilityBp === undefined ? {} : { probabilityBp }),
      });
      return stage === undefined ? made : move('opportunity', made._id, { stage });
    };
    await deal(10_000);
    await deal(20_000, 'qualification', 5000);
    await deal(40_000, 'proposal');
    await deal(10_000, 'proposal', 9000);
    for (const stage of ['closedWon', 'closedWon', 'closedWon', 'closedLost']) {
      const closed = await deal(1_000);
      await move('opportunity', closed._id, {
        stage,
        ...(stage === 'closedLost' ? { lossReason: 'price' } : {}),
      });
    }
    for (const price of [700, 300]) {
      const quote = await make('quote', { accountId, currency: 'EUR', lines: priced(price) });
      await move('quote', quote._id, { status: 'pendingApproval' });
    }
    await make('quote', { accountId, currency: 'EUR', lines: priced(5000) });
    for (const [orderDate, price] of [
      ['2026-11-20', 2000],
      ['2027-01-03', 3000],
    ] as const) {
      const order = await make('salesOrder', { accountId, currency: 'EUR', orderDate, lines: priced(price) });
      await move('salesOrder', order._id, { status: 'confirmed' });
    }
    await make('salesOrder', { accountId, currency: 'EUR', orderDate: '2027-01-04', lines: priced(999) });
  });

  it('weighs the open pipeline by each deal’s probability, else its stage’s', async () => {
    const response = await get('/dashboards/sales', ['sales']);
    expect(response.status).toBe(200);
    const pipeline = chart(response.body, 'pipeline');
    expect(pipeline.categories).toEqual(['prospecting', 'qualification', 'proposal', 'negotiation']);
    expect(pipeline.series).toEqual([
      { name: 'Value', values: [10_000, 20_000, 50_000, 0] },
      // 10% of 10000; 50% of 20000; 50% of 40000 + 90% of 10000.
      { name: 'Weighted value', values: [1_000, 10_000, 29_000, 0] },
    ]);
    expect((await listed(pipeline.links![2])).length).toBe(2);
    expect(stat(response.body, 'weightedPipeline')).toMatchObject({
      value: 40_000,
      secondary: { value: 4 },
    });
  });

  it('reports the win rate, quotes waiting for approval and bookings by month', async () => {
    const { body } = await get('/dashboards/sales', ['salesManager']);
    expect(stat(body, 'winRate')).toMatchObject({ value: 7500, note: '3 won, 1 lost' });
    expect(stat(body, 'quotesAwaitingApproval')).toMatchObject({ value: 2, secondary: { value: 1000 } });
    expect((await listed(stat(body, 'quotesAwaitingApproval').link)).length).toBe(2);
    const bookings = chart(body, 'bookings');
    expect(bookings.series[0]!.values.slice(-3)).toEqual([2000, 0, 3000]);
    expect((await listed(bookings.links!.at(-1))).length).toBe(1);
  });
});

describe('the operations section', () => {
  beforeAll(async () => {
    const warehouseId = (await make('warehouse', { code: 'WH-DASH', name: 'Dash' }))._id;
    const product = (sku: string, reorderPoint?: number) =>
      make('product', {
        sku,
        name: sku,
        unitPrice: 100,
        currency: 'EUR',
        ...(reorderPoint ? { reorderPoint } : {}),
      });
    const withPoint = await product('DASH-RP10', 10);
    await make('stockItem', { productId: withPoint._id, warehouseId, onHand: 5 }); // 5 < 10
    const other = await make('warehouse', { code: 'WH-DASH2', name: 'Dash 2' });
    await make('stockItem', { productId: withPoint._id, warehouseId: other._id, onHand: 50 });
    await make('stockItem', {
      productId: (await product('DASH-A'))._id,
      warehouseId,
      onHand: 8,
      reorderPoint: 8,
    });
    await make('stockItem', {
      productId: (await product('DASH-B'))._id,
      warehouseId,
      onHand: 3,
      reorderPoint: 8,
    });

    const supplier = (name: string) => make('supplier', { name, currency: 'EUR' });
    const [north, south] = [await supplier('North Timber'), await supplier('South Steel')];
    const order = (supplierId: string) =>
      make('purchaseOrder', { supplierId, currency: 'EUR', lines: priced(100) });
    for (const status of [['approved'], ['approved'], ['approved', 'sent']]) {
      const po = await order(status.length === 2 ? south._id : north._id);
      for (const next of status) await move('purchaseOrder', po._id, { status: next });
    }
    await order(south._id); // a draft is not open
    const bill = await make('supplierInvoice', {
      supplierId: north._id,
      supplierReference: 'N-1',
      currency: 'EUR',
      lines: priced(100),
    });
    await move('supplierInvoice', bill._id, { status: 'disputed' });
    const held = await make('salesOrder', { accountId, currency: 'EUR', lines: priced(3000) });
    await move('salesOrder', held._id, { creditHold: true });
    const shipment = (status?: string) =>
      make('shipment', {
        salesOrderId: held._id,
        lines: [{ productId, quantity: 1 }],
        ...(status ? { status } : {}),
      });
    await shipment();
    await move('shipment', (await shipment())._id, { status: 'ready' });
  });

  it('counts stock below its reorder point, open orders by supplier, match exceptions, holds and waiting shipments', async () => {
    const response = await get('/dashboards/operations', ['procurement']);
    expect(response.status).toBe(200);
    const { body } = response;
    expect(stat(body, 'belowReorderPoint').value).toBe(2);
    const purchases = chart(body, 'openPurchaseOrders');
    expect(purchases.categories).toEqual(['North Timber', 'South Steel']);
    expect(purchases.series[0]!.values).toEqual([2, 1]);
    expect((await listed(purchases.links![0])).length).toBe(2);
    expect(stat(body, 'matchExceptions').value).toBe(1);
    expect(stat(body, 'creditHold')).toMatchObject({ value: 1, secondary: { value: 3000 } });
    expect((await listed(stat(body, 'creditHold').link)).length).toBe(1);
    expect(stat(body, 'shipmentsWaiting').value).toBe(2);
    expect((await listed(stat(body, 'shipmentsWaiting').link)).length).toBe(2);
  });
});

describe('the support section', () => {
  let resolved: Made;
  beforeAll(async () => {
    const ticket = (priority: string, extra: Record<string, unknown> = {}) =>
      make('ticket', { subject: 'Help', accountId, priority, ...extra });
    await ticket('urgent', { resolutionDueAt: '2027-01-15T11:00:00.000Z' });
    await ticket('high', { assigneeRole: 'supportLead' });
    await ticket('high');
    await ticket('normal', { resolutionDueAt: '2027-01-16T11:00:00.000Z' });
    resolved = await ticket('low', { resolutionDueAt: '2027-01-10T00:00:00.000Z' });
    resolved = await move('ticket', resolved._id, {
      status: 'resolved',
      resolvedAt: '2027-01-12T00:00:00.000Z',
    });
  });

  it('reports open tickets by priority, SLA breaches, time to resolution and escalations', async () => {
    const { status, body } = await get('/dashboards/support', ['support']);
    expect(status).toBe(200);
    const open = chart(body, 'openByPriority');
    expect(open.categories).toEqual(['urgent', 'high', 'normal', 'low']);
    expect(open.series[0]!.values).toEqual([1, 2, 1, 0]);
    expect((await listed(open.links![1])).length).toBe(2);
    expect(stat(body, 'slaBreaches')).toMatchObject({ value: 1, secondary: { value: 1 } });
    expect((await listed(stat(body, 'slaBreaches').link)).length).toBe(1);
    const hours =
      Math.round(
        ((Date.parse('2027-01-12T00:00:00.000Z') - Date.parse(String(resolved.createdAt))) / 3_600_000) * 10,
      ) / 10;
    expect(stat(body, 'timeToResolution')).toMatchObject({ value: hours, secondary: { value: 1 } });
    expect(stat(body, 'escalations').value).toBe(1);
  });
});

describe('the admin section', () => {
  beforeAll(async () => {
    const task = (
      id: string,
      assigneeRole: string,
      status: TaskDocument['status'],
      dueAt?: string,
    ): TaskDocument => ({
      _id: id,
      runId: `run-${id}`,
      workflowId: 'wf',
      nodeId: 'n',
      visit: 1,
      kind: 'task' as const,
      assigneeRole,
      title: id,
      status,
      createdAt: '2027-01-10T00:00:00.000Z',
      ...(dueAt ? { dueAt } : {}),
    });
    await api.services.db
      .collection<TaskDocument>(tasksCollection)
      .insertMany([
        task('t1', 'finance', 'open'),
        task('t2', 'finance', 'open', '2027-01-16T00:00:00.000Z'),
        task('t3', 'sales', 'open', '2027-01-14T00:00:00.000Z'),
        task('t4', 'sales', 'completed', '2027-01-01T00:00:00.000Z'),
      ]);
  });

  it('reports the task backlog by role, overdue tasks and runs of the last seven days', async () => {
    const { status, body } = await get('/dashboards/admin');
    expect(status).toBe(200);
    expect(chart(body, 'taskBacklog')).toMatchObject({
      categories: ['finance', 'sales'],
      series: [{ values: [2, 1] }],
    });
    expect(stat(body, 'overdueTasks').value).toBe(1);
    const runs = chart(body, 'runsPerDay');
    expect(runs.categories).toEqual([
      '2027-01-09',
      '2027-01-10',
      '2027-01-11',
      '2027-01-12',
      '2027-01-13',
      '2027-01-14',
      '2027-01-15',
    ]);
    // No run of this test's namespace started in those days.
    expect(runs.series.flatMap((series: { values: number[] }) => series.values)).toEqual(Array(42).fill(0));
    expect(chart(body, 'failureRate').categories).toEqual([]);
  });
});

describe('access', () => {
  it('lists the sections of each of the caller’s roles, and all of them for an admin', async () => {
    expect((await get('/dashboards', ['sales', 'support'])).body).toEqual({
      sections: ['sales', 'support'],
    });
    expect((await get('/dashboards', ['viewer'])).body).toEqual({ sections: [] });
    expect((await get('/dashboards')).body).toEqual({
      sections: ['sales', 'finance', 'operations', 'support', 'admin'],
    });
  });

  it('refuses a section the caller’s roles do not see, with a clear message', async () => {
    const response = await get('/dashboards/finance', ['sales']);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: { code: 'forbidden', message: 'Your roles (sales) do not allow: read the finance dashboard' },
    });
  });

  it('answers 404 for an unknown section and 400 naming a bad parameter', async () => {
    const unknown = await get('/dashboards/marketing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: {
        message: 'no dashboard section marketing; sections: sales, finance, operations, support, admin',
      },
    });
    const bad = await get('/dashboards/finance?currency=euro&x=1');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        details: [
          { path: 'x', message: 'unknown query parameter; only currency is read' },
          { path: 'currency', message: 'must be an ISO 4217 code such as EUR, given once' },
        ],
      },
    });
  });
});
