import { receiveStock, reserveStock, type EntityRepository } from '../../domain/entities';
import type { EntityType } from '../../schemas';
import { companyNames, firstNames, industries, lastNames, productCatalog, supplierNames } from './demo-data';

export interface SeedResult {
  seeded: boolean;
  /** Records created per type. */
  counts: Partial<Record<EntityType, number>>;
}

const seedActor = { userId: 'seed' };
/** The demo data is the deployment's own, written with an admin's authority through the same checks. */
const seedRoles = ['admin'] as const;

/**
 * Fills an empty store with a small demo company: 20 products stocked in two warehouses, 30 customer
 * accounts with contacts, leads, opportunities, quotes, orders with stock reservations, invoices and
 * payments, suppliers with purchase orders, a goods receipt and a supplier bill, and support tickets.
 *
 * Does nothing when any account exists that the seed did not create. Every write carries an
 * idempotency key, so a seed interrupted half-way completes on the next run without duplicates.
 *
 * @example
 * await seedDemoCompany(createEntityRepository(db)); // { seeded: true, counts: { account: 30, … } }
 */
export async function seedDemoCompany(repo: EntityRepository): Promise<SeedResult> {
  const existing = await repo.list('account', {
    limit: 1,
    includeArchived: true,
    sort: { field: 'createdAt', direction: 1 },
  });
  const first = existing.items[0];
  if (first !== undefined && first.createdBy !== 'seed') return { seeded: false, counts: {} };

  const counts: Partial<Record<EntityType, number>> = {};
  const random = seededRandom(20260101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  async function create(type: EntityType, key: string, input: Record<string, unknown>) {
    const { record } = await repo.create(type, input, {
      actor: seedActor,
      roles: seedRoles,
      idempotencyKey: `seed/${type}/${key}`,
    });
    counts[type] = (counts[type] ?? 0) + 1;
    return record;
  }
  async function update(type: EntityType, id: string, key: string, patch: Record<string, unknown>) {
    return repo.update(
      type,
      id,
      patch,
      {},
      { actor: seedActor, roles: seedRoles, idempotencyKey: `seed/${type}/${key}` },
    );
  }

  const warehouses = [
    await create('warehouse', 'main', { code: 'WH-MAIN', name: 'Main warehouse' }),
    await create('warehouse', 'south', { code: 'WH-SOUTH', name: 'South distribution centre' }),
  ];
  const suppliers = [];
  for (const [i, name] of supplierNames.entries()) {
    suppliers.push(
      await create('supplier', String(i), { name, currency: 'EUR', email: `sales@supplier${i + 1}.example` }),
    );
  }
  const products = [];
  const stock = new Map<string, string>();
  for (const [i, item] of productCatalog.entries()) {
    const product = await create('product', item.sku, {
      ...item,
      currency: 'EUR',
      preferredSupplierId: suppliers[i % suppliers.length]!._id,
    });
    products.push(product);
    if (item.type === 'service') continue;
    for (const [w, warehouse] of warehouses.entries()) {
      const stockItem = await create('stockItem', `${item.sku}/${w}`, {
        productId: product._id,
        warehouseId: warehouse._id,
        onHand: 20 + Math.floor(random() * 80),
      });
      stock.set(`${product._id}/${warehouse._id}`, stockItem._id);
    }
  }
  const goods = products.filter((_, i) => productCatalog[i]!.type !== 'service');
  const lines = (count: number) =>
    Array.from({ length: count }, () => {
      const product = pick(goods);
      return {
        productId: product._id,
        quantity: 1 + Math.floor(random() * 6),
        unitPrice: Number(product.unitPrice),
        taxRateBp: 1900,
      };
    });

  // Fixed picks, not `random()`, so the rest of the demo company stays as it was.
  const dealLines = (i: number) =>
    [goods[i % goods.length]!, goods[(i + 5) % goods.length]!].map((product, n) => ({
      productId: product._id,
      quantity: 1 + ((i + n) % 3),
      unitPrice: Number(product.unitPrice),
      taxRateBp: 1900,
    }));

  const accounts = [];
  for (const [i, name] of companyNames.entries()) {
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
    const account = await create('account', String(i), {
      name,
      type: i < 22 ? 'customer' : 'prospect',
      industry: pick(industries),
      email: `info@${domain}`,
      currency: 'EUR',
      tier: pick(['gold', 'silver', 'bronze']),
    });
    accounts.push(account);
    for (let c = 0; c < 1 + (i % 2); c++) {
      const person = `${pick(firstNames)} ${pick(lastNames)}`;
      await create('contact', `${i}/${c}`, {
        name: person,
        accountId: account._id,
        email: `${person.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
        isPrimary: c === 0,
      });
    }
  }
  for (let i = 0; i < 10; i++) {
    await create('lead', String(i), {
      name: `${pick(firstNames)} ${pick(lastNames)}`,
      company: `Prospect ${i + 1} GmbH`,
      source: pick(['website', 'referral', 'event']),
    });
  }

  for (let i = 0; i < 15; i++) {
    const account = accounts[i]!;
    const amount = 100000 + Math.floor(random() * 900000);
    // The open deals (those without a quote yet) carry products, so moving one to the proposal stage
    // starts the quote-to-cash template on the demo company; one asks for a discount that needs approval.
    const products = i >= 10 ? dealLines(i) : [];
    const opportunity = await create('opportunity', String(i), {
      name: `Office refit ${i + 1}`,
      accountId: account._id,
      currency: 'EUR',
      amount: products.length === 0 ? amount : products.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
      ...(products.length === 0 ? {} : { lines: products, discountBp: i === 12 ? 1500 : 500 }),
    });
    if (i >= 10) continue;
    const quote = await create('quote', String(i), {
      accountId: account._id,
      opportunityId: opportunity._id,
      currency: 'EUR',
      lines: lines(2 + (i % 3)),
    });
    if (i >= 6) continue;
    const warehouse = warehouses[i % 2]!;
    const order = await create('salesOrder', String(i), {
      accountId: account._id,
      quoteId: quote._id,
      warehouseId: warehouse._id,
      currency: 'EUR',
      lines: quote.lines,
    });
    for (const [l, line] of (quote.lines as { productId: string; quantity: number }[]).entries()) {
      const stockItemId = stock.get(`${line.productId}/${warehouse._id}`);
      if (stockItemId === undefined) continue;
      await reserveStock(repo, stockItemId, line.quantity, {
        actor: seedActor,
        roles: seedRoles,
        idempotencyKey: `seed/reserve/${i}/${l}`,
      });
    }
    const invoice = await create('invoice', String(i), {
      accountId: account._id,
      salesOrderId: order._id,
      status: 'issued',
      issueDate: '2026-01-15',
      currency: 'EUR',
      lines: quote.lines,
    });
    if (i < 4) {
      await create('payment', String(i), {
        invoiceId: invoice._id,
        accountId: account._id,
        amount: i < 2 ? invoice.total : Math.floor(Number(invoice.total) / 2),
        currency: 'EUR',
        method: 'bankTransfer',
        receivedAt: '2026-02-01T09:00:00.000Z',
      });
    }
  }

  for (let i = 0; i < 3; i++) {
    const po = await create('purchaseOrder', String(i), {
      supplierId: suppliers[i]!._id,
      warehouseId: warehouses[0]!._id,
      currency: 'EUR',
      lines: lines(2).map((line) => ({ ...line, unitPrice: Math.floor(line.unitPrice * 0.6) })),
    });
    if (i !== 0) continue;
    await update('purchaseOrder', po._id, 'approve/0', { status: 'approved' });
    await update('purchaseOrder', po._id, 'send/0', { status: 'sent' });
    const poLines = po.lines as { productId: string; quantity: number }[];
    await create('goodsReceipt', '0', {
      purchaseOrderId: po._id,
      supplierId: po.supplierId,
      warehouseId: warehouses[0]!._id,
      lines: poLines.map((line) => ({ productId: line.productId, receivedQuantity: line.quantity })),
    });
    for (const [l, line] of poLines.entries()) {
      const stockItemId = stock.get(`${line.productId}/${warehouses[0]!._id}`);
      if (stockItemId !== undefined) {
        await receiveStock(repo, stockItemId, line.quantity, {
          actor: seedActor,
          roles: seedRoles,
          idempotencyKey: `seed/receive/0/${l}`,
        });
      }
    }
    await update('purchaseOrder', po._id, 'receive/0', { status: 'received' });
    await create('supplierInvoice', '0', {
      supplierId: po.supplierId,
      purchaseOrderId: po._id,
      supplierReference: 'BN-2026-0042',
      currency: 'EUR',
      lines: po.lines,
    });
  }

  const subjects = [
    'Delivery arrived damaged',
    'Invoice address wrong',
    'Desk motor noisy',
    'Missing screws',
    'Request for assembly help',
  ];
  for (let i = 0; i < 8; i++) {
    await create('ticket', String(i), {
      subject: subjects[i % subjects.length],
      accountId: accounts[i]!._id,
      priority: pick(['low', 'normal', 'high']),
    });
  }
  return { seeded: true, counts };
}

/** A small deterministic generator (mulberry32), so every seed makes the same company. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
