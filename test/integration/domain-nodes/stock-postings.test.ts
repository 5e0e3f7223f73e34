import { createEntityRepository } from '../../../domain/entities';
import { releaseStockFor, reserveStockFor } from '../../../domain/erp';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import {
  createCompany,
  keyed,
  levels,
  orderFor,
  sentPurchaseOrder,
  testActor,
  type Company,
} from './company';

let services: TestServices;
let c: Company;
beforeAll(async () => {
  services = await connectTestServices('domain-postings');
  c = await createCompany(createEntityRepository(services.db), { desk: 10 });
});
afterAll(() => services.close());

describe('posting a goods receipt', () => {
  it('puts the accepted quantities on hand, once, and stocks a product new to the warehouse', async () => {
    const po = await sentPurchaseOrder(c, [{ productId: c.desk._id, quantity: 5, unitPrice: 27000 }]);
    const receipt = await c.create('goodsReceipt', {
      purchaseOrderId: po._id,
      warehouseId: c.main._id,
      lines: [
        { productId: c.desk._id, receivedQuantity: 5, rejectedQuantity: 1, rejectionReason: 'scratched' },
        { productId: c.service._id, receivedQuantity: 0 },
      ],
    });
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 10, reserved: 0, available: 10 }); // a draft moves nothing
    const ctx = keyed('run-1/post/1');
    await Promise.all([
      c.repo.update('goodsReceipt', receipt._id, { status: 'posted' }, {}, ctx),
      c.repo.update('goodsReceipt', receipt._id, { status: 'posted' }, {}, ctx),
    ]);
    await c.repo.update('goodsReceipt', receipt._id, { notes: 'checked' }, {}, testActor);
    expect(await levels(c, 'DESK@Main')).toEqual({ onHand: 14, reserved: 0, available: 14 });

    const posted = await c.create('goodsReceipt', {
      purchaseOrderId: po._id,
      warehouseId: c.south._id,
      status: 'posted',
      lines: [{ productId: c.desk._id, receivedQuantity: 3 }],
    });
    const { items } = await c.repo.list('stockItem', {
      filters: [
        { field: 'productId', op: 'eq', value: c.desk._id },
        { field: 'warehouseId', op: 'eq', value: c.south._id },
      ],
    });
    expect(items).toMatchObject([{ onHand: 3, reserved: 0, available: 3 }]);
    expect(posted.status).toBe('posted');
  });
});

describe('shipping a shipment', () => {
  it('takes reserved goods out of stock and uses up the order reservation', async () => {
    const order = await orderFor(c, [[c.chair, 6]]);
    const reserved = await reserveStockFor(c.repo, { orderId: order._id }, keyed('ship/reserve'));
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 20, reserved: 6, available: 14 });
    const shipment = await c.create('shipment', {
      salesOrderId: order._id,
      warehouseId: c.main._id,
      lines: [{ productId: c.chair._id, quantity: 4 }],
    });
    await c.repo.update('shipment', shipment._id, { status: 'ready' }, {}, testActor);
    await c.repo.update('shipment', shipment._id, { status: 'shipped' }, {}, keyed('ship/1'));
    await c.repo.update('shipment', shipment._id, { status: 'shipped' }, {}, keyed('ship/1'));
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 16, reserved: 2, available: 14 });
    // The reservation gives back only what was not shipped.
    expect(
      await releaseStockFor(
        c.repo,
        { reservationId: reserved.reservationId as string },
        keyed('ship/release'),
      ),
    ).toEqual({ released: [{ productId: c.chair._id, warehouseId: c.main._id, quantity: 2 }] });
    expect(await levels(c, 'CHAIR@Main')).toEqual({ onHand: 16, reserved: 0, available: 16 });
  });

  it('refuses to ship goods that are not reserved, or without a warehouse, and keeps the status', async () => {
    const order = await orderFor(c, [[c.lamp, 2]]);
    const unreserved = await c.create('shipment', {
      salesOrderId: order._id,
      warehouseId: c.main._id,
      lines: [{ productId: c.lamp._id, quantity: 2 }],
    });
    await c.repo.update('shipment', unreserved._id, { status: 'ready' }, {}, testActor);
    await expect(
      c.repo.update('shipment', unreserved._id, { status: 'shipped' }, {}, testActor),
    ).rejects.toThrow('cannot ship 2: only 0 reserved');
    expect((await c.repo.get('shipment', unreserved._id)).status).toBe('ready');
    const nowhere = await c.create('shipment', {
      salesOrderId: order._id,
      lines: [{ productId: c.lamp._id, quantity: 1 }],
    });
    await c.repo.update('shipment', nowhere._id, { status: 'ready' }, {}, testActor);
    await expect(
      c.repo.update('shipment', nowhere._id, { status: 'shipped' }, {}, testActor),
    ).rejects.toMatchObject({
      message: 'a shipment without a warehouse cannot become shipped',
      details: [{ path: 'warehouseId', message: 'is needed to ship stock' }],
    });
    expect(await levels(c, 'LAMP@Main')).toEqual({ onHand: 8, reserved: 0, available: 8 });
  });
});
