import type { Invoice, Payment } from '../../schemas/types/index.generated';

/** The invoice fields the payment rules read. */
export type InvoicePaymentView = Pick<Invoice, 'total' | 'currency' | 'status'>;
/** The payment fields the payment rules read. */
export type PaymentView = Pick<Payment, 'amount' | 'currency' | 'status'>;

/** The server-owned payment fields of an invoice. */
export interface InvoicePaymentState {
  amountPaid: number;
  amountDue: number;
  status: Invoice['status'];
}

export type PaymentRuleError =
  | { code: 'currencyMismatch'; message: string; invoiceCurrency: string; paymentCurrency: string }
  | { code: 'invoiceNotOpen'; message: string; status: Invoice['status'] }
  | { code: 'overpayment'; message: string; amount: number; amountDue: number };

/** Only money that arrived counts: pending, failed, refunded and cancelled payments do not. */
const counts = (payment: PaymentView): boolean => payment.status === 'received';

/** Draft and cancelled invoices take no payments, so their status never follows the payments. */
const isOpen = (status: Invoice['status']): boolean => status !== 'draft' && status !== 'cancelled';

/**
 * Derives `amountPaid`, `amountDue` and the status of an invoice from its payments. An open invoice is
 * `paid` once the received payments cover the total (so a zero-total invoice is paid at once),
 * `partiallyPaid` when some money arrived, and `issued` when none did, e.g. after a refund. Every move
 * between those three is an allowed transition. Fails when a counted payment has another currency.
 *
 * @example
 * deriveInvoicePayments({ total: 10000, currency: 'EUR', status: 'issued' },
 *   [{ amount: 4000, currency: 'EUR', status: 'received' }]);
 * // { ok: true, value: { amountPaid: 4000, amountDue: 6000, status: 'partiallyPaid' } }
 */
export function deriveInvoicePayments(
  invoice: InvoicePaymentView,
  payments: readonly PaymentView[],
): { ok: true; value: InvoicePaymentState } | { ok: false; error: PaymentRuleError } {
  const received = payments.filter(counts);
  const foreign = received.find((payment) => payment.currency !== invoice.currency);
  if (foreign !== undefined)
    return { ok: false, error: currencyMismatch(invoice.currency, foreign.currency) };
  const amountPaid = received.reduce((sum, payment) => sum + payment.amount, 0);
  const amountDue = invoice.total - amountPaid;
  if (!isOpen(invoice.status)) return { ok: true, value: { amountPaid, amountDue, status: invoice.status } };
  const status = amountPaid >= invoice.total ? 'paid' : amountPaid > 0 ? 'partiallyPaid' : 'issued';
  return { ok: true, value: { amountPaid, amountDue, status } };
}

/**
 * Checks a new payment against its invoice before it is recorded: the invoice must be issued and not
 * cancelled, the currencies must match, and a received payment may not exceed what is still due.
 * Pending payments are checked the same way, because they are meant to be received.
 *
 * @example
 * checkNewPayment({ total: 10000, currency: 'EUR', status: 'draft' }, [], { amount: 100, currency: 'EUR', status: 'received' });
 * // { ok: false, error: { code: 'invoiceNotOpen', status: 'draft', message: 'a draft invoice cannot take payments' } }
 */
export function checkNewPayment(
  invoice: InvoicePaymentView,
  payments: readonly PaymentView[],
  payment: PaymentView,
): { ok: true } | { ok: false; error: PaymentRuleError } {
  if (!isOpen(invoice.status)) {
    return {
      ok: false,
      error: {
        code: 'invoiceNotOpen',
        status: invoice.status,
        message: `a ${invoice.status} invoice cannot take payments`,
      },
    };
  }
  if (payment.currency !== invoice.currency) {
    return { ok: false, error: currencyMismatch(invoice.currency, payment.currency) };
  }
  const derived = deriveInvoicePayments(invoice, payments);
  if (!derived.ok) return derived;
  const { amountDue } = derived.value;
  if (payment.amount > amountDue) {
    return {
      ok: false,
      error: {
        code: 'overpayment',
        amount: payment.amount,
        amountDue,
        message: `payment of ${payment.amount} exceeds the amount due of ${amountDue}`,
      },
    };
  }
  return { ok: true };
}

function currencyMismatch(invoiceCurrency: string, paymentCurrency: string): PaymentRuleError {
  return {
    code: 'currencyMismatch',
    invoiceCurrency,
    paymentCurrency,
    message: `payment currency ${paymentCurrency} differs from invoice currency ${invoiceCurrency}`,
  };
}
