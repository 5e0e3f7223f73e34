import type { Invoice, SalesOrder } from '../../schemas/types/index.generated';

/** How the invoice is dated and whether it is issued at once. */
export interface InvoiceOptions {
  /** `YYYY-MM-DD`. */
  issueDate: string;
  /** Overrides the order's payment terms for the due date. */
  dueInDays?: number;
  status: 'draft' | 'issued';
}

const DAY_MS = 86_400_000;

/**
 * The invoice input for a whole sales order: the customer, currency, payment terms, header discount and
 * every line with its price, discount and tax rate, linked to the order. Totals, the number and (unless
 * `dueInDays` is given) the due date from the payment terms are left to the repository, which computes
 * them on every write.
 *
 * @example
 * invoiceFromOrder(order, { issueDate: '2026-03-01', status: 'issued' });
 * // { accountId, salesOrderId: order._id, status: 'issued', issueDate: '2026-03-01', lines: [...], ... }
 */
export function invoiceFromOrder(order: SalesOrder, options: InvoiceOptions): Partial<Invoice> {
  return {
    accountId: order.accountId,
    ...(order.contactId === undefined ? {} : { contactId: order.contactId }),
    salesOrderId: order._id,
    status: options.status,
    currency: order.currency,
    issueDate: options.issueDate,
    ...(options.dueInDays === undefined ? {} : { dueDate: addDays(options.issueDate, options.dueInDays) }),
    paymentTerms: order.paymentTerms,
    ...(order.billingAddress === undefined ? {} : { billingAddress: order.billingAddress }),
    discountBp: order.discountBp,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      ...(line.description === undefined ? {} : { description: line.description }),
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountBp: line.discountBp,
      taxRateBp: line.taxRateBp,
    })) as Invoice['lines'],
    ...(order.ownerId === undefined ? {} : { ownerId: order.ownerId }),
    notes: `Invoice for order ${order.number}${order.customerReference ? ` (your reference ${order.customerReference})` : ''}.`,
  };
}

/** `YYYY-MM-DD` plus whole days, as a calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
