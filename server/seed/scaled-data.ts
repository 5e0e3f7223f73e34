import type { EntityRepository } from '../../domain/entities';
import type { EntityType } from '../../schemas';

/** The records one unit of scale adds: about the demo company's transactional size. */
const perUnit = {
  accounts: 10,
  products: 20,
  opportunities: 15,
  quotes: 10,
  orders: 6,
  invoices: 6,
  tickets: 8,
  purchaseOrders: 3,
} as const;

/** Writes in flight at once: enough to keep the store busy without crowding out everything else. */
const concurrency = 6;
const DAY_MS = 86_400_000;

export interface ScaleOptions {
  /** 1 is the demo company alone; N adds N − 1 units of generated records. */
  scale: number;
  /** The day generated dates count back from (`YYYY-MM-DD`). */
  today: string;
  /** The demo company's warehouses and suppliers, which generated records refer to. */
  warehouseIds: readonly string[];
  supplierIds: readonly string[];
  onProgress?: (done: number, of: number) => void;
}

/**
 * Adds `scale − 1` units of generated business to the demo company, each about the demo's own
 * size: accounts with deals in every stage, quotes (some waiting for approval), confirmed orders
 * (some on credit hold), issued invoices over the past year with payments, support tickets, purchase
 * orders, and products stocked in both warehouses with reorder points. Every record is written
 * through the repository, so it is validated and versioned like any other, under an idempotency key:
 * an interrupted run completes on the next without duplicates. Deterministic for a given `today`.
 *
 * @example
 * await seedScaledData(repo, { scale: 100, today: '2026-12-06', warehouseIds, supplierIds });
 */
export async function seedScaledData(repo: EntityRepository, options: ScaleOptions): Promise<number> {
  const units = Math.max(0, options.scale - 1);
  let done = 0;
  for (let unit = 0; unit < units; unit++) {
    done += await seedUnit(repo, unit, options);
    options.onProgress?.(unit + 1, units);
  }
  return done;
}

async function seedUnit(repo: EntityRepository, unit: number, options: ScaleOptions): Promise<number> {
  const ctx = (key: string) => ({
    actor: { userId: 'seed' },
    roles: ['admin'] as const,
    idempotencyKey: `seed/scale/${unit}/${key}`,
  });
  let writes = 0;
  const create = async (type: EntityType, key: string, input: Record<string, unknown>) => {
    writes++;
    return (await repo.create(type, input, ctx(`${type}/${key}`))).record;
  };
  const update = async (type: EntityType, id: string, key: string, patch: Record<string, unknown>) => {
    writes++;
    return repo.update(type, id, patch, {}, ctx(`${type}/${key}`));
  };
  const daysAgo = (days: number) =>
    new Date(Date.parse(`${options.today}T00:00:00.000Z`) - days * DAY_MS).toISOString().slice(0, 10);
  // Spread over the year, differently per unit, so every month and ageing bucket has records.
  const spread = (i: number, span: number) => (unit * 37 + i * 53) % span;

  const products = await pool(range(perUnit.products), async (i) => {
    const product = await create('product', String(i), {
      sku: `GEN-${unit}-${i}`,
      name: `Generated item ${unit}-${i}`,
      unitPrice: 1_000 + ((unit * 7 + i * 131) % 50) * 500,
      currency: 'EUR',
      ...(i % 2 === 0 ? { reorderPoint: 10 + (i % 4) * 5 } : {}),
    });
    for (const [w, warehouseId] of options.warehouseIds.entries()) {
      await create('stockItem', `${i}/${w}`, {
        productId: product._id,
        warehouseId,
        onHand: (unit * 13 + i * 17 + w * 29) % 60,
        ...(i % 5 === 1 ? { reorderPoint: 12 } : {}),
      });
    }
    return product;
  });
  const lines = (i: number) => [
    {
      productId: products[i % products.length]!._id,
      quantity: 1 + (i % 4),
      unitPrice: Number(products[i % products.length]!.unitPrice),
      taxRateBp: 1900,
    },
  ];
  const accounts = await pool(range(perUnit.accounts), (i) =>
    create('account', String(i), {
      name: `Generated customer ${unit}-${i}`,
      type: 'customer',
      currency: 'EUR',
    }),
  );
  const accountOf = (i: number) => accounts[i % accounts.length]!._id;

  const stages = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closedWon', 'closedLost'];
  await pool(range(perUnit.opportunities), async (i) => {
    const opportunity = await create('opportunity', String(i), {
      name: `Generated deal ${unit}-${i}`,
      accountId: accountOf(i),
      currency: 'EUR',
      amount: 50_000 + ((unit * 11 + i * 97) % 40) * 25_000,
      ...(i % 3 === 0 ? { probabilityBp: 2000 + (i % 7) * 1000 } : {}),
      expectedCloseDate: daysAgo(-spread(i, 120)),
    });
    const stage = stages[i % stages.length]!;
    if (stage !== 'prospecting') await update('opportunity', opportunity._id, 'stage', { stage });
  });
  await pool(range(perUnit.quotes), async (i) => {
    const quote = await create('quote', String(i), {
      accountId: accountOf(i),
      currency: 'EUR',
      lines: lines(i),
    });
    if (i % 3 === 0) await update('quote', quote._id, 'submit', { status: 'pendingApproval' });
  });
  const orders = await pool(range(perUnit.orders), async (i) => {
    const order = await create('salesOrder', String(i), {
      accountId: accountOf(i),
      currency: 'EUR',
      orderDate: daysAgo(spread(i, 360)),
      warehouseId: options.warehouseIds[i % options.warehouseIds.length],
      lines: lines(i),
      ...(i === 5 ? { creditHold: true } : {}),
    });
    return i === 5 ? order : update('salesOrder', order._id, 'confirm', { status: 'confirmed' });
  });
  await pool(range(perUnit.invoices), async (i) => {
    const issueDate = daysAgo(spread(i, 200));
    const invoice = await create('invoice', String(i), {
      accountId: accountOf(i),
      salesOrderId: orders[i]!._id,
      status: 'issued',
      issueDate,
      paymentTerms: 'net30',
      currency: 'EUR',
      lines: lines(i),
    });
    if (i % 3 === 2) return;
    await create('payment', String(i), {
      invoiceId: invoice._id,
      accountId: invoice.accountId,
      amount: i % 3 === 0 ? invoice.total : Math.floor(Number(invoice.total) / 2),
      currency: 'EUR',
      method: 'bankTransfer',
      receivedAt: `${daysAgo(Math.max(0, spread(i, 200) - 20))}T10:00:00.000Z`,
    });
  });
  await pool(range(3), (i) =>
    create('shipment', String(i), {
      salesOrderId: orders[i]!._id,
      lines: [{ productId: products[i]!._id, quantity: 1 }],
      ...(i === 0 ? {} : { status: 'draft' }),
    }),
  );
  const priorities = ['low', 'normal', 'high', 'urgent'];
  await pool(range(perUnit.tickets), async (i) => {
    const created = spread(i, 30);
    const ticket = await create('ticket', String(i), {
      subject: `Generated question ${unit}-${i}`,
      accountId: accountOf(i),
      priority: priorities[i % priorities.length],
      resolutionDueAt: `${daysAgo(created - 3)}T12:00:00.000Z`,
      ...(i % 4 === 3 ? { assigneeRole: 'supportLead' } : {}),
    });
    // Resolved when the resolving write is made: a ticket cannot be resolved before it was created.
    if (i % 3 === 0) {
      await update('ticket', ticket._id, 'resolve', {
        status: 'resolved',
        resolvedAt: new Date().toISOString(),
      });
    }
  });
  await pool(range(perUnit.purchaseOrders), async (i) => {
    const po = await create('purchaseOrder', String(i), {
      supplierId: options.supplierIds[(unit + i) % options.supplierIds.length],
      warehouseId: options.warehouseIds[0],
      currency: 'EUR',
      lines: lines(i).map((line) => ({ ...line, unitPrice: Math.floor(line.unitPrice * 0.6) })),
    });
    await update('purchaseOrder', po._id, 'approve', { status: 'approved' });
    if (i === 0) {
      const bill = await create('supplierInvoice', String(i), {
        supplierId: po.supplierId,
        purchaseOrderId: po._id,
        supplierReference: `GEN-${unit}-${i}`,
        currency: 'EUR',
        lines: po.lines,
      });
      if (unit % 2 === 0) await update('supplierInvoice', bill._id, 'dispute', { status: 'disputed' });
    }
  });
  return writes;
}

/** The demo company's warehouses and suppliers, which the generated records refer to. */
export async function demoReferences(
  repo: EntityRepository,
): Promise<{ warehouseIds: string[]; supplierIds: string[] }> {
  const ids = async (type: 'warehouse' | 'supplier') =>
    (await repo.list(type, { limit: 20, sort: { field: 'createdAt', direction: 1 } })).items.map(
      (r) => r._id,
    );
  return { warehouseIds: await ids('warehouse'), supplierIds: await ids('supplier') };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** Maps with at most {@link concurrency} calls in flight, keeping the input order. */
async function pool<T>(items: readonly number[], fn: (item: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
