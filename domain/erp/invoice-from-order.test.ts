import type { SalesOrder } from '../../schemas/types/index.generated';
import { addDays, invoiceFromOrder } from './invoice-from-order';

const order: SalesOrder = {
  _id: 'so-1',
  number: 'SO-2026-000007',
  accountId: 'acc-1',
  contactId: 'con-1',
  status: 'shipped',
  creditHold: false,
  currency: 'EUR',
  paymentTerms: 'net14',
  discountBp: 500,
  customerReference: 'PO-4711',
  lines: [
    {
      productId: 'p1',
      description: 'Desk',
      quantity: 2,
      unitPrice: 45000,
      discountBp: 0,
      taxRateBp: 1900,
      lineTotal: 90000,
    },
    { productId: 'p2', quantity: 1, unitPrice: 1000, discountBp: 1000, taxRateBp: 700, lineTotal: 900 },
  ],
  subtotal: 91000,
  discountTotal: 4645,
  taxTotal: 16305,
  total: 102660,
  version: 3,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  createdBy: 'u1',
  updatedBy: 'u1',
  archived: false,
};

describe('invoiceFromOrder', () => {
  it('bills every line of the order with its prices, discounts and tax rates, linked to the order', () => {
    expect(invoiceFromOrder(order, { issueDate: '2026-03-05', status: 'issued' })).toEqual({
      accountId: 'acc-1',
      contactId: 'con-1',
      salesOrderId: 'so-1',
      status: 'issued',
      currency: 'EUR',
      issueDate: '2026-03-05',
      paymentTerms: 'net14',
      discountBp: 500,
      lines: [
        {
          productId: 'p1',
          description: 'Desk',
          quantity: 2,
          unitPrice: 45000,
          discountBp: 0,
          taxRateBp: 1900,
        },
        { productId: 'p2', quantity: 1, unitPrice: 1000, discountBp: 1000, taxRateBp: 700 },
      ],
      notes: 'Invoice for order SO-2026-000007 (your reference PO-4711).',
    });
  });

  it('sets the due date only when told the days; otherwise the payment terms decide', () => {
    expect(invoiceFromOrder(order, { issueDate: '2026-12-20', dueInDays: 21, status: 'draft' }).dueDate).toBe(
      '2027-01-10',
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 0, '2026-01-31'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2028-02-28', 1, '2028-02-29'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
