import type { Db } from 'mongodb';
import { entityCollection, versionLog } from '../entities';

/** One way the books disagree with themselves. */
export interface Difference {
  check: 'reserved' | 'onHand' | 'available' | 'invoicesPerOrder' | 'amountPaid' | 'amountDue';
  /** `<type>/<id>` of the record that disagrees. */
  record: string;
  expected: number;
  actual: number;
}

export interface ReconcileReport {
  stockItems: number;
  reservations: number;
  orders: number;
  invoices: number;
  payments: number;
  differences: Difference[];
}

interface Line {
  productId: string;
  quantity?: number;
  receivedQuantity?: number;
  rejectedQuantity?: number;
}

interface ReservationDoc {
  _id: string;
  status: 'pending' | 'reserved' | 'short';
  lines: { stockItemId: string; quantity: number }[];
  taken?: number[];
}

interface EntryDoc {
  reservationId: string;
  quantities: number[];
}

/**
 * Checks that stock, reservations, invoices and payments agree, the way an auditor would, and lists
 * every difference (none when the books are right):
 *
 * - a stock item's `reserved` is what its open reservations still hold (reserved lines, and the
 *   lines a reservation in progress has taken, less what was released or shipped from them);
 * - its `onHand` is its first version's, plus what posted goods receipts accepted, less what shipped
 *   shipments took, in its product and warehouse; `available` is `onHand − reserved`;
 * - an order has at most one live invoice that is not cancelled;
 * - an invoice's `amountPaid` is the sum of its received payments, and `amountDue` the rest.
 *
 * It reads every record of those types: a check for tests, the bench and audits, not a request path.
 *
 * @example
 * const { differences } = await reconcile(db); // []
 */
export async function reconcile(db: Db): Promise<ReconcileReport> {
  const differences: Difference[] = [];
  const differ = (check: Difference['check'], record: string, expected: number, actual: number) => {
    if (expected !== actual) differences.push({ check, record, expected, actual });
  };

  const held = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const reservations = await db.collection<ReservationDoc>('stockReservations').find({}).toArray();
  const entries = await db.collection<EntryDoc>('stockReservationEntries').find({}).toArray();
  const takenFrom = new Map<string, number[]>();
  for (const entry of entries) {
    const sums = takenFrom.get(entry.reservationId) ?? [];
    entry.quantities.forEach((q, i) => (sums[i] = (sums[i] ?? 0) + q));
    takenFrom.set(entry.reservationId, sums);
  }
  for (const reservation of reservations) {
    if (reservation.status === 'short') continue;
    const used = takenFrom.get(reservation._id) ?? [];
    reservation.lines.forEach((line, i) => {
      if (reservation.status === 'pending' && !(reservation.taken ?? []).includes(i)) return;
      add(held, line.stockItemId, line.quantity - (used[i] ?? 0));
    });
  }

  const moved = new Map<string, number>();
  const place = (productId: string, warehouseId: unknown) => `${productId}@${String(warehouseId)}`;
  for (const receipt of await live(db, 'goodsReceipt', { status: 'posted' })) {
    for (const line of (receipt.lines ?? []) as Line[]) {
      const accepted = (line.receivedQuantity ?? 0) - (line.rejectedQuantity ?? 0);
      if (accepted > 0) add(moved, place(line.productId, receipt.warehouseId), accepted);
    }
  }
  for (const shipment of await live(db, 'shipment', { status: 'shipped' })) {
    for (const line of (shipment.lines ?? []) as Line[]) {
      add(moved, place(line.productId, shipment.warehouseId), -(line.quantity ?? 0));
    }
  }
  const items = await entityCollection(db, 'stockItem').find({}).toArray();
  for (const item of items) {
    const record = `stockItem/${item._id}`;
    const first = await versionLog(db).findOne({ _id: `stockItem/${item._id}@1` });
    const initial = Number(first?.record?.onHand ?? 0);
    const onHand = Number(item.onHand ?? 0);
    const reserved = Number(item.reserved ?? 0);
    differ('reserved', record, held.get(item._id) ?? 0, reserved);
    differ(
      'onHand',
      record,
      initial + (moved.get(place(String(item.productId), item.warehouseId)) ?? 0),
      onHand,
    );
    differ('available', record, onHand - reserved, Number(item.available ?? 0));
  }

  const invoices = await live(db, 'invoice', { status: { $ne: 'cancelled' } });
  const perOrder = new Map<string, number>();
  for (const invoice of invoices)
    if (typeof invoice.salesOrderId === 'string') add(perOrder, invoice.salesOrderId, 1);
  for (const [orderId, count] of perOrder) differ('invoicesPerOrder', `salesOrder/${orderId}`, 1, count);
  const payments = await live(db, 'payment', { status: 'received' });
  const paid = new Map<string, number>();
  for (const payment of payments) add(paid, String(payment.invoiceId), Number(payment.amount ?? 0));
  for (const invoice of invoices) {
    const record = `invoice/${invoice._id}`;
    const amountPaid = paid.get(invoice._id) ?? 0;
    differ('amountPaid', record, amountPaid, Number(invoice.amountPaid ?? 0));
    differ('amountDue', record, Number(invoice.total ?? 0) - amountPaid, Number(invoice.amountDue ?? 0));
  }
  return {
    stockItems: items.length,
    reservations: reservations.length,
    orders: perOrder.size,
    invoices: invoices.length,
    payments: payments.length,
    differences,
  };
}

function live(db: Db, type: 'goodsReceipt' | 'shipment' | 'invoice' | 'payment', filter: object) {
  return entityCollection(db, type)
    .find({ archived: false, ...filter })
    .toArray();
}
