import type { EntityRecord, EntityRepository, WriteContext } from '../entities';
import { DuplicateKeyError, InvariantError } from '../entities';
import type { SalesOrder } from '../../schemas/types/index.generated';
import { invoiceFromOrder } from './invoice-from-order';
import { refuseCreditHold } from './credit-hold';

export interface CreateInvoiceRequest {
  salesOrderId: string;
  /** Overrides the order's payment terms: due this many days after the issue date. */
  dueInDays?: number;
  /** `draft` (default) or `issued`, ready for payments. */
  status?: 'draft' | 'issued';
}

/** Orders that can be billed: confirmed and on their way, or done. */
const invoiceableStatuses = ['confirmed', 'partiallyShipped', 'shipped', 'completed'];

/**
 * Creates the invoice of a whole sales order through the repository, which computes its totals, takes
 * its number from the gapless yearly INV sequence and its due date from the payment terms. An order is
 * invoiced once: the invoice schema's unique key on `salesOrderId` (cancelled and archived invoices
 * aside) lets one of any number of racing creates win, and the others are refused naming it. With an idempotency
 * key a retry returns the invoice the first attempt created, never a second one.
 *
 * @example
 * await createInvoiceFromOrder(repo, { salesOrderId: 'so-1', status: 'issued' }, ctx);
 * // { _id: '…', number: 'INV-2026-000042', total: 102660, dueDate: '2026-03-19', ... }
 */
export async function createInvoiceFromOrder(
  repo: Pick<EntityRepository, 'db' | 'get' | 'create'>,
  request: CreateInvoiceRequest,
  ctx: WriteContext,
  now: () => Date = () => new Date(),
): Promise<EntityRecord> {
  const order = await repo.get('salesOrder', request.salesOrderId);
  if (!invoiceableStatuses.includes(String(order.status))) {
    const message = `is ${String(order.status)}; only confirmed, shipped or completed orders are invoiced`;
    throw new InvariantError(`sales order ${String(order.number)} ${message}`, [
      { path: 'params.salesOrderId', message },
    ]);
  }
  refuseCreditHold(order, 'salesOrderId');
  const input = invoiceFromOrder(order as unknown as SalesOrder, {
    issueDate: now().toISOString().slice(0, 10),
    status: request.status ?? 'draft',
    ...(request.dueInDays === undefined ? {} : { dueInDays: request.dueInDays }),
  });
  try {
    return (await repo.create('invoice', input, ctx)).record;
  } catch (error: unknown) {
    // The invoice's unique key on its order (see invoice.schema.json) picks one winner per order.
    const holder =
      error instanceof DuplicateKeyError ? error.holders.find((h) => h.key === 'salesOrderId') : undefined;
    if (holder === undefined) throw error;
    const message = `is already invoiced by ${holder.title}`;
    throw new DuplicateKeyError(
      `sales order ${String(order.number)} ${message}`,
      [{ path: 'params.salesOrderId', message }],
      error instanceof DuplicateKeyError ? error.holders : [],
    );
  }
}
