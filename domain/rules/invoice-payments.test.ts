import {
  checkNewPayment,
  deriveInvoicePayments,
  type InvoicePaymentView,
  type PaymentView,
} from './invoice-payments';
import { checkTransition } from './status-transitions';

const invoice = (status: InvoicePaymentView['status'], total = 10000): InvoicePaymentView => ({
  total,
  currency: 'EUR',
  status,
});
const paid = (amount: number, status: PaymentView['status'] = 'received', currency = 'EUR'): PaymentView => ({
  amount,
  currency,
  status,
});

describe('deriveInvoicePayments', () => {
  it.each<
    [string, InvoicePaymentView, PaymentView[], { amountPaid: number; amountDue: number; status: string }]
  >([
    ['no payments', invoice('issued'), [], { amountPaid: 0, amountDue: 10000, status: 'issued' }],
    [
      'a part payment',
      invoice('issued'),
      [paid(4000)],
      { amountPaid: 4000, amountDue: 6000, status: 'partiallyPaid' },
    ],
    [
      'payments covering the total',
      invoice('partiallyPaid'),
      [paid(4000), paid(6000)],
      { amountPaid: 10000, amountDue: 0, status: 'paid' },
    ],
    [
      'an overpayment',
      invoice('issued'),
      [paid(12000)],
      { amountPaid: 12000, amountDue: -2000, status: 'paid' },
    ],
    [
      'only received payments',
      invoice('issued'),
      [
        paid(1000, 'pending'),
        paid(2000, 'failed'),
        paid(3000, 'refunded'),
        paid(4000, 'cancelled'),
        paid(500),
      ],
      { amountPaid: 500, amountDue: 9500, status: 'partiallyPaid' },
    ],
    [
      'a full refund',
      invoice('paid'),
      [paid(10000, 'refunded')],
      { amountPaid: 0, amountDue: 10000, status: 'issued' },
    ],
    ['a zero-total invoice', invoice('issued', 0), [], { amountPaid: 0, amountDue: 0, status: 'paid' }],
    [
      'a draft invoice, whose status stays',
      invoice('draft'),
      [],
      { amountPaid: 0, amountDue: 10000, status: 'draft' },
    ],
    [
      'a cancelled invoice, whose status stays',
      invoice('cancelled'),
      [paid(100)],
      { amountPaid: 100, amountDue: 9900, status: 'cancelled' },
    ],
  ])('%s', (_case, inv, payments, value) => {
    expect(deriveInvoicePayments(inv, payments)).toEqual({ ok: true, value });
  });

  it('refuses a received payment in another currency', () => {
    expect(deriveInvoicePayments(invoice('issued'), [paid(100, 'received', 'USD')])).toEqual({
      ok: false,
      error: {
        code: 'currencyMismatch',
        invoiceCurrency: 'EUR',
        paymentCurrency: 'USD',
        message: 'payment currency USD differs from invoice currency EUR',
      },
    });
  });

  it('only derives statuses the invoice may move to', () => {
    const open = ['issued', 'partiallyPaid', 'paid'] as const;
    for (const from of open) {
      for (const amount of [0, 1, 10000]) {
        const result = deriveInvoicePayments(invoice(from), amount === 0 ? [] : [paid(amount)]);
        if (!result.ok) throw new Error(result.error.message);
        expect([from, amount, checkTransition('invoice', from, result.value.status)]).toEqual([
          from,
          amount,
          { ok: true },
        ]);
      }
    }
  });
});

describe('checkNewPayment', () => {
  it.each<[string, InvoicePaymentView, PaymentView[], PaymentView, unknown]>([
    ['the exact amount due', invoice('partiallyPaid'), [paid(4000)], paid(6000), { ok: true }],
    ['a pending payment', invoice('issued'), [], paid(100, 'pending'), { ok: true }],
    [
      'a draft invoice',
      invoice('draft'),
      [],
      paid(100),
      {
        ok: false,
        error: { code: 'invoiceNotOpen', status: 'draft', message: 'a draft invoice cannot take payments' },
      },
    ],
    [
      'a cancelled invoice',
      invoice('cancelled'),
      [],
      paid(100),
      {
        ok: false,
        error: {
          code: 'invoiceNotOpen',
          status: 'cancelled',
          message: 'a cancelled invoice cannot take payments',
        },
      },
    ],
    [
      'another currency',
      invoice('issued'),
      [],
      paid(100, 'received', 'GBP'),
      {
        ok: false,
        error: {
          code: 'currencyMismatch',
          invoiceCurrency: 'EUR',
          paymentCurrency: 'GBP',
          message: 'payment currency GBP differs from invoice currency EUR',
        },
      },
    ],
    [
      'more than is due',
      invoice('partiallyPaid'),
      [paid(4000)],
      paid(6001),
      {
        ok: false,
        error: {
          code: 'overpayment',
          amount: 6001,
          amountDue: 6000,
          message: 'payment of 6001 exceeds the amount due of 6000',
        },
      },
    ],
  ])('%s', (_case, inv, payments, payment, result) => {
    expect(checkNewPayment(inv, payments, payment)).toEqual(result);
  });
});
