import type { EntityRecord, EntityRepository } from '../../../domain/entities';
import type { EntityType } from '../../../schemas';
import { productData, recordMaker } from '../../support/fixture-records';

/** The master data a process test starts from, made fresh per test so its figures are its own. */
export interface Company {
  warehouse: EntityRecord;
  supplier: EntityRecord;
  /** 45000 a unit, 19% tax, 10 on hand. */
  desk: EntityRecord;
  /** 12000 a unit, 19% tax, 20 on hand. */
  chair: EntityRecord;
  /** A service: no stock. */
  assembly: EntityRecord;
  account: EntityRecord;
  contact: EntityRecord;
  /** Stock item ids of desk and chair. */
  stock: { desk: string; chair: string };
}

const setup = { actor: { userId: 'setup' }, roles: ['admin'] as const };
let counter = 0;

/** The warehouse every process test ships from: the templates' default warehouse code. */
export async function mainWarehouse(repo: EntityRepository): Promise<EntityRecord> {
  const { items } = await repo.list('warehouse', {
    filters: [{ field: 'code', op: 'eq', value: 'WH-MAIN' }],
  });
  return (
    items[0] ?? (await repo.create('warehouse', { code: 'WH-MAIN', name: 'Main warehouse' }, setup)).record
  );
}

/**
 * Products with stock in the main warehouse, a supplier, and a customer with a contact, an email
 * and a credit limit; `overrides` changes the account (e.g. a lower credit limit, a tier).
 */
export async function createCompany(
  repo: EntityRepository,
  options: { deskOnHand?: number; chairOnHand?: number; account?: Record<string, unknown> } = {},
): Promise<Company> {
  const run = `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();
  const create = recordMaker(repo, setup);
  const warehouse = await mainWarehouse(repo);
  const supplier = await create('supplier', {
    name: `Desks and Chairs ${run}`,
    currency: 'EUR',
    paymentTerms: 'net30',
    email: `orders-${run.toLowerCase()}@supplier.example`,
  });
  const product = (sku: string, unitPrice: number, extra: Record<string, unknown> = {}) =>
    create(
      'product',
      productData({ sku: `${sku}-${run}`, name: `${sku} ${run}`, unitPrice }, supplier, extra),
    );
  const desk = await product('DESK', 45000);
  const chair = await product('CHAIR', 12000);
  const assembly = await product('ASSEMBLY', 5000, { type: 'service' });
  const deskItem = await create('stockItem', {
    productId: desk._id,
    warehouseId: warehouse._id,
    onHand: options.deskOnHand ?? 10,
  });
  const chairItem = await create('stockItem', {
    productId: chair._id,
    warehouseId: warehouse._id,
    onHand: options.chairOnHand ?? 20,
  });
  const account = await create('account', {
    name: `Customer ${run}`,
    type: 'customer',
    currency: 'EUR',
    paymentTerms: 'net14',
    creditLimit: 5_000_000,
    email: `ap-${run.toLowerCase()}@customer.example`,
    ...options.account,
  });
  const contact = await create('contact', {
    name: `Buyer ${run}`,
    accountId: account._id,
    email: `buyer-${run.toLowerCase()}@customer.example`,
    isPrimary: true,
  });
  return {
    warehouse,
    supplier,
    desk,
    chair,
    assembly,
    account,
    contact,
    stock: { desk: deskItem._id, chair: chairItem._id },
  };
}

/** `{onHand, reserved, available}` of a stock item. */
export async function stockOf(repo: EntityRepository, id: string) {
  const item = await repo.get('stockItem', id);
  return { onHand: item.onHand, reserved: item.reserved, available: item.available };
}

/** The records of a type whose `field` is `value`, oldest first. */
export async function recordsWhere(
  repo: EntityRepository,
  type: EntityType,
  field: string,
  value: string,
): Promise<EntityRecord[]> {
  const { items } = await repo.list(type, {
    filters: [{ field, op: 'eq', value }],
    sort: { field: 'createdAt', direction: 1 },
  });
  return items;
}
