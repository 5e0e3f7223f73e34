import type { EntityRecord, EntityRepository, WriteContext } from '../../../domain/entities';
import type { EntityType } from '../../../schemas';
import { productData, recordMaker } from '../../support/fixture-records';

/** The records most domain tests start from; amounts in cents, EUR. */
export interface Company {
  repo: EntityRepository;
  main: EntityRecord;
  south: EntityRecord;
  supplier: EntityRecord;
  /** Stocked in `main` only. */
  desk: EntityRecord;
  /** Stocked in `main` and `south`, with `main` as its default warehouse. */
  chair: EntityRecord;
  /** Stocked in `main` and `south`, with no default warehouse. */
  lamp: EntityRecord;
  service: EntityRecord;
  account: EntityRecord;
  /** Stock item ids by `<sku>@<warehouse code>`. */
  stock: Record<string, string>;
  create(type: EntityType, data: Record<string, unknown>): Promise<EntityRecord>;
}

export const testActor: WriteContext = { actor: { userId: 'u-test' }, roles: ['admin'] as const };

/** The write context of a node's activity in run `run-1`: the test actor and the call's idempotency key. */
export function keyed(idempotencyKey: string): WriteContext {
  return { ...testActor, runId: 'run-1', idempotencyKey };
}

let counter = 0;

/**
 * A small company in a fresh database: two warehouses, a supplier, three stocked products and a
 * service, and one customer account. `onHand` sets each stock item's quantity on hand.
 */
export async function createCompany(
  repo: EntityRepository,
  onHand: {
    desk?: number;
    chairMain?: number;
    chairSouth?: number;
    lampMain?: number;
    lampSouth?: number;
  } = {},
): Promise<Company> {
  const run = (counter++).toString(36);
  const create = recordMaker(repo, testActor);
  const main = await create('warehouse', { code: `MAIN-${run}`, name: 'Main' });
  const south = await create('warehouse', { code: `SOUTH-${run}`, name: 'South' });
  const supplier = await create('supplier', { name: `Office Supplies ${run}`, currency: 'EUR' });
  const product = (sku: string, unitPrice: number, extra: Record<string, unknown> = {}) =>
    create('product', productData({ sku: `${sku}-${run}`, name: sku, unitPrice }, supplier, extra));
  const desk = await product('DESK', 45000);
  const chair = await product('CHAIR', 12000, { defaultWarehouseId: main._id });
  const lamp = await product('LAMP', 3000);
  const service = await product('ASSEMBLY', 5000, { type: 'service' });
  const stock: Record<string, string> = {};
  const item = async (productRecord: EntityRecord, warehouse: EntityRecord, quantity: number) => {
    const record = await create('stockItem', {
      productId: productRecord._id,
      warehouseId: warehouse._id,
      onHand: quantity,
    });
    stock[`${String(productRecord.name)}@${String(warehouse.name)}`] = record._id;
  };
  await item(desk, main, onHand.desk ?? 10);
  await item(chair, main, onHand.chairMain ?? 20);
  await item(chair, south, onHand.chairSouth ?? 5);
  await item(lamp, main, onHand.lampMain ?? 8);
  await item(lamp, south, onHand.lampSouth ?? 8);
  const account = await create('account', {
    name: `Customer ${run}`,
    type: 'customer',
    currency: 'EUR',
    creditLimit: 1_000_000,
    email: `buyer-${run}@customer.example`,
  });
  return { repo, main, south, supplier, desk, chair, lamp, service, account, stock, create };
}

/** A confirmed sales order of the company's customer for `lines` of `[product, quantity]`. */
export async function orderFor(
  company: Company,
  lines: [EntityRecord, number][],
  extra: Record<string, unknown> = {},
): Promise<EntityRecord> {
  const order = await company.create('salesOrder', {
    accountId: company.account._id,
    currency: 'EUR',
    lines: lines.map(([product, quantity]) => ({
      productId: product._id,
      quantity,
      unitPrice: product.unitPrice,
      taxRateBp: 1900,
    })),
    ...extra,
  });
  return company.repo.update('salesOrder', order._id, { status: 'confirmed' }, {}, testActor);
}

/** A purchase order of `lines` from the company's supplier into `main`, approved and sent. */
export async function sentPurchaseOrder(
  company: Company,
  lines: Record<string, unknown>[],
): Promise<EntityRecord> {
  const po = await company.create('purchaseOrder', {
    supplierId: company.supplier._id,
    warehouseId: company.main._id,
    currency: 'EUR',
    lines,
  });
  await company.repo.update('purchaseOrder', po._id, { status: 'approved' }, {}, testActor);
  return company.repo.update('purchaseOrder', po._id, { status: 'sent' }, {}, testActor);
}

/** `{onHand, reserved, available}` of a stock item. */
export async function levels(
  company: Company,
  key: string,
): Promise<{ onHand: number; reserved: number; available: number }> {
  const id = company.stock[key];
  if (id === undefined) throw new Error(`no stock item ${key}`);
  const item = await company.repo.get('stockItem', id);
  return { onHand: Number(item.onHand), reserved: Number(item.reserved), available: Number(item.available) };
}
