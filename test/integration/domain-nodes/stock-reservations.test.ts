import { createEntityRepository, InsufficientStockError } from '../../../domain/entities';
import { releaseStockFor, reserveStockFor } from '../../../domain/erp';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { createCompany, keyed, levels, orderFor, testActor, type Company } from './company';

let services: TestServices;
beforeAll(async () => {
  services = await connectTestServices('domain-stock');
});
afterAll(() => services.close());

async function company(onHand: Parameters<typeof createCompany>[1] = {}): Promise<Company> {
  return createCompany(createEntityRepository(services.db), onHand);
}

describe('erp.reserveStock', () => {
  it("reserves every stocked line of an order in the line's warehouse, skipping services", async () => {
    const c = await company();
    const order = await orderFor(c, [
      [c.desk, 2],
      [c.chair, 3],
      [c.service, 1],
      [c.desk, 1],
    ]);
    const result = await reserveStockFor(c.repo, { orderId: order._id }, keyed('run-1/reserve/1'));
    expect(result).toEqual({
      reserved: true,
      reservationId: expect.stringMatching(/^rsv-[0-9a-f]{32}$/),
      lines: [
        { productId: c.desk._id, warehouseId: c.main._id, quantity: 3 },
        { productId: c.chair._id, warehouseId: c.main._id, quantity: 3 },
      ],
    });
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 20, reserved: 3, available: 17 });
    expect(await levels(c, 'CHAIR@South')).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  it("uses the order's warehouse before the product's default", async () => {
    const c = await company();
    const order = await orderFor(c, [[c.chair, 4]], { warehouseId: c.south._id });
    await reserveStockFor(c.repo, { orderId: order._id }, keyed('k-south'));
    expect(await levels(c, 'CHAIR@South')).toEqual({ onHand: 5, reserved: 4, available: 1 });
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 20, reserved: 0, available: 20 });
  });

  it('reserves nothing on a shortage, and reports what is missing with what a buyer needs', async () => {
    const c = await company({ desk: 2 });
    const order = await orderFor(c, [
      [c.chair, 1],
      [c.desk, 5],
    ]);
    const result = await reserveStockFor(
      c.repo,
      { orderId: order._id, onShortage: 'report' },
      keyed('k-short'),
    );
    expect(result).toEqual({
      reserved: false,
      reservationId: expect.stringMatching(/^rsv-/),
      shortages: [
        {
          productId: c.desk._id,
          sku: c.desk.sku,
          warehouseId: c.main._id,
          requested: 5,
          available: 2,
          missing: 3,
          preferredSupplierId: c.supplier._id,
          standardCost: 27000,
        },
      ],
    });
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 20, reserved: 0, available: 20 });
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('fails with InsufficientStockError naming the SKU when shortages are not reported', async () => {
    const c = await company({ desk: 2 });
    const order = await orderFor(c, [[c.desk, 5]]);
    const failure = reserveStockFor(c.repo, { orderId: order._id }, keyed('k-fail'));
    await expect(failure).rejects.toBeInstanceOf(InsufficientStockError);
    await expect(failure).rejects.toThrow(
      `insufficient stock: 3 of ${String(c.desk.sku)} missing in warehouse ${c.main._id} (requested 5, available 2)`,
    );
  });

  it('reserves once per idempotency key, even for retries racing each other', async () => {
    const c = await company();
    const order = await orderFor(c, [[c.desk, 4]]);
    const ctx = keyed('run-9/reserve/1');
    const results = await Promise.all(
      [1, 2, 3].map(() => reserveStockFor(c.repo, { orderId: order._id }, ctx)),
    );
    expect(new Set(results.map((r) => r.reservationId)).size).toBe(1);
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 10, reserved: 4, available: 6 });
    // A retry after the stock ran out still returns the reservation it made.
    await c.repo.update('stockItem', c.stock['DESK@Main']!, { onHand: 4 }, {}, testActor);
    expect(await reserveStockFor(c.repo, { orderId: order._id }, ctx)).toEqual(results[0]);
  });

  it('never oversells under concurrency, and a reservation that loses a race keeps nothing', async () => {
    // Each order needs a chair (plenty) and then 3 desks (enough for 6 orders): the losers of the desk race
    // have already reserved their chair, and must give it back.
    const c = await company({ desk: 20, chairMain: 50 });
    const orders = await Promise.all(
      Array.from({ length: 10 }, () =>
        orderFor(c, [
          [c.chair, 1],
          [c.desk, 3],
        ]),
      ),
    );
    const results = await Promise.all(
      orders.map((order, i) =>
        reserveStockFor(c.repo, { orderId: order._id, onShortage: 'report' }, keyed(`race/${i}`)),
      ),
    );
    expect(results.filter((r) => r.reserved)).toHaveLength(6);
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 20, reserved: 18, available: 2 });
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 50, reserved: 6, available: 44 });
  });

  it('names the param when the warehouse cannot be chosen or the order cannot reserve', async () => {
    const c = await company();
    await expect(
      reserveStockFor(c.repo, { productId: c.lamp._id, quantity: 1 }, keyed('k-lamp')),
    ).rejects.toMatchObject({
      message: `product ${String(c.lamp.sku)} is stocked in several warehouses: name one in params.warehouseId, the order's warehouseId or the product's defaultWarehouseId`,
      details: [{ path: 'params.warehouseId', message: 'is needed to choose a warehouse' }],
    });
    await expect(
      reserveStockFor(c.repo, { productId: c.service._id, quantity: 1 }, keyed('k-service')),
    ).rejects.toThrow(`product ${String(c.service.sku)} is a service product, which holds no stock`);
    const order = await orderFor(c, [[c.desk, 1]]);
    await c.repo.update('salesOrder', order._id, { status: 'cancelled' }, {}, testActor);
    await expect(reserveStockFor(c.repo, { orderId: order._id }, keyed('k-cancelled'))).rejects.toThrow(
      `sales order ${String(order.number)} is cancelled; only draft or confirmed orders reserve stock`,
    );
    await expect(reserveStockFor(c.repo, { orderId: 'nope' }, keyed('k-missing'))).rejects.toThrow(
      'salesOrder nope does not exist',
    );
  });
});

describe('erp.releaseStock', () => {
  it('releases what a reservation holds, once, whoever asks again', async () => {
    const c = await company();
    const order = await orderFor(
      c,
      [
        [c.desk, 2],
        [c.lamp, 3],
      ],
      { warehouseId: c.south._id },
    );
    await c.create('stockItem', { productId: c.desk._id, warehouseId: c.south._id, onHand: 6 });
    const reserved = await reserveStockFor(c.repo, { orderId: order._id }, keyed('run-2/reserve/1'));
    expect(await levels(c, 'LAMP@South')).toEqual({ onHand: 8, reserved: 3, available: 5 });
    const reservationId = reserved.reservationId as string;
    const compensate = keyed('run-2/reserve/1/compensate');
    expect(await releaseStockFor(c.repo, { reservationId }, compensate)).toEqual({
      released: [
        { productId: c.desk._id, warehouseId: c.south._id, quantity: 2 },
        { productId: c.lamp._id, warehouseId: c.south._id, quantity: 3 },
      ],
    });
    // The same release retried, and another release, change nothing.
    await releaseStockFor(c.repo, { reservationId }, compensate);
    expect(await releaseStockFor(c.repo, { reservationId }, keyed('other'))).toEqual({ released: [] });
    expect(await levels(c, 'LAMP@South')).toEqual({ onHand: 8, reserved: 0, available: 8 });
  });

  it('releases every reservation of an order, or a quantity of a product', async () => {
    const c = await company();
    const order = await orderFor(c, [[c.chair, 2]]);
    await reserveStockFor(c.repo, { orderId: order._id }, keyed('a'));
    await reserveStockFor(c.repo, { orderId: order._id }, keyed('b'));
    expect(await levels(c, 'CHAIR@Main')).toMatchObject({ reserved: 4 });
    expect(await releaseStockFor(c.repo, { orderId: order._id }, keyed('release-all'))).toEqual({
      released: [
        { productId: c.chair._id, warehouseId: c.main._id, quantity: 2 },
        { productId: c.chair._id, warehouseId: c.main._id, quantity: 2 },
      ],
    });
    await reserveStockFor(c.repo, { productId: c.chair._id, quantity: 5 }, keyed('c'));
    await releaseStockFor(c.repo, { productId: c.chair._id, quantity: 3 }, keyed('d'));
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 20, reserved: 2, available: 18 });
    await expect(
      releaseStockFor(c.repo, { productId: c.chair._id, quantity: 3 }, keyed('e')),
    ).rejects.toThrow('cannot release 3: only 2 reserved');
    await expect(releaseStockFor(c.repo, { reservationId: 'rsv-unknown' }, keyed('f'))).rejects.toThrow(
      'stock reservation rsv-unknown does not exist',
    );
  });

  it('releases nothing for a reported shortage', async () => {
    const c = await company({ desk: 1 });
    const order = await orderFor(c, [[c.desk, 2]]);
    const short = await reserveStockFor(c.repo, { orderId: order._id, onShortage: 'report' }, keyed('s'));
    expect(
      await releaseStockFor(c.repo, { reservationId: short.reservationId as string }, keyed('s2')),
    ).toEqual({
      released: [],
    });
  });
});
