import type { EntityType } from '../../../schemas';
import type { EntityApi } from './entity-api';

/**
 * Builds a valid minimal document of each entity type, creating the records it references first
 * (each at most once per fixture set).
 */
export interface Fixtures {
  build(type: EntityType): Promise<Record<string, unknown>>;
  /** Creates a record through the API and returns it; fails the test on any status but 201. */
  create(
    type: EntityType,
    overrides?: Record<string, unknown>,
  ): Promise<Record<string, unknown> & { _id: string }>;
  /** The id of a shared record of the type, created on first use. */
  shared(type: EntityType): Promise<string>;
}

/** An optional text field per type that a PATCH can change. */
export const patchableField: Record<EntityType, string> = {
  account: 'description',
  activity: 'body',
  contact: 'description',
  goodsReceipt: 'notes',
  invoice: 'notes',
  lead: 'description',
  opportunity: 'description',
  payment: 'notes',
  product: 'description',
  purchaseOrder: 'notes',
  purchaseRequisition: 'department',
  quote: 'notes',
  salesOrder: 'notes',
  shipment: 'notes',
  stockItem: 'binLocation',
  supplier: 'description',
  supplierInvoice: 'notes',
  ticket: 'description',
  warehouse: 'name',
};

export function createFixtures(api: EntityApi): Fixtures {
  const sharedIds = new Map<EntityType, Promise<string>>();
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

  async function create(type: EntityType, overrides: Record<string, unknown> = {}) {
    const response = await api.request('POST', `/entities/${type}`, { ...(await build(type)), ...overrides });
    if (response.status !== 201)
      throw new Error(`creating ${type} gave ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown> & { _id: string };
  }

  function shared(type: EntityType): Promise<string> {
    let id = sharedIds.get(type);
    if (id === undefined) {
      id = create(type).then((record) => record._id);
      sharedIds.set(type, id);
    }
    return id;
  }

  async function line() {
    return { productId: await shared('product'), quantity: 2, unitPrice: 1000, taxRateBp: 1900 };
  }

  async function build(type: EntityType): Promise<Record<string, unknown>> {
    switch (type) {
      case 'account':
        return { name: `Account ${unique()}`, currency: 'EUR' };
      case 'activity':
        return { type: 'call', subject: 'Intro call', accountId: await shared('account') };
      case 'contact':
        return { name: `Contact ${unique()}`, accountId: await shared('account') };
      case 'lead':
        return { name: `Lead ${unique()}` };
      case 'opportunity':
        return { name: 'Big deal', accountId: await shared('account'), currency: 'EUR' };
      case 'ticket':
        return { subject: 'Broken widget', accountId: await shared('account') };
      case 'product':
        return { sku: `SKU-${unique()}`, name: 'Widget', unitPrice: 1000, currency: 'EUR' };
      case 'warehouse':
        return { code: `WH-${unique()}`.slice(0, 20), name: 'Main warehouse' };
      case 'stockItem':
        // Each stock item needs its own product: (productId, warehouseId) is unique.
        return {
          productId: (await create('product'))._id,
          warehouseId: await shared('warehouse'),
          onHand: 10,
        };
      case 'supplier':
        return { name: `Supplier ${unique()}`, currency: 'EUR' };
      case 'quote':
      case 'salesOrder':
        return { accountId: await shared('account'), currency: 'EUR', lines: [await line()] };
      case 'invoice':
        return { accountId: await shared('account'), currency: 'EUR', lines: [await line()] };
      case 'payment': {
        const invoice = await create('invoice', { status: 'issued' });
        return {
          invoiceId: invoice._id,
          accountId: invoice.accountId,
          amount: 500,
          currency: 'EUR',
          method: 'bankTransfer',
          receivedAt: '2026-03-01T10:00:00.000Z',
        };
      }
      case 'shipment':
        return {
          salesOrderId: await shared('salesOrder'),
          lines: [{ productId: await shared('product'), quantity: 1 }],
        };
      case 'purchaseRequisition':
        return {
          requesterId: 'u-buyer',
          reason: 'Restock',
          lines: [{ productId: await shared('product'), quantity: 5 }],
        };
      case 'purchaseOrder':
        return { supplierId: await shared('supplier'), currency: 'EUR', lines: [await line()] };
      case 'goodsReceipt':
        return {
          purchaseOrderId: await shared('purchaseOrder'),
          warehouseId: await shared('warehouse'),
          lines: [{ productId: await shared('product'), receivedQuantity: 2 }],
        };
      case 'supplierInvoice':
        return {
          supplierId: await shared('supplier'),
          supplierReference: `SUP-${unique()}`,
          currency: 'EUR',
          lines: [await line()],
        };
    }
  }

  return { build, create, shared };
}
