import { createEntityRepository } from '../../../domain/entities';
import { checkCredit, createInvoiceFromOrder, reserveStockFor } from '../../../domain/erp';
import { connectTestServices, type TestServices } from '../../setup/test-env';
import { createCompany, keyed, orderFor, testActor, type Company } from './company';

let services: TestServices;
let c: Company;
beforeAll(async () => {
  services = await connectTestServices('domain-credit-invoice');
  c = await createCompany(createEntityRepository(services.db));
});
afterAll(() => services.close());

const fixedNow = () => new Date('2026-05-20T15:00:00.000Z');

/** An issued invoice of `total` cents (no tax) for the account, and optionally a payment on it. */
async function openInvoice(accountId: string, total: number, paid = 0) {
  const invoice = await c.create('invoice', {
    accountId,
    status: 'issued',
    issueDate: '2026-05-01',
    currency: 'EUR',
    lines: [{ productId: c.desk._id, quantity: 1, unitPrice: total }],
  });
  if (paid > 0) {
    await c.create('payment', {
      invoiceId: invoice._id,
      accountId,
      amount: paid,
      currency: 'EUR',
      method: 'bankTransfer',
      receivedAt: '2026-05-02T10:00:00.000Z',
    });
  }
  return invoice;
}

describe('erp.creditCheck', () => {
  it('counts what is owed on open invoices, and approves up to the limit exactly', async () => {
    const account = await c.create('account', { name: 'Tight Credit', currency: 'EUR', creditLimit: 100000 });
    await openInvoice(account._id, 50000, 20000); // 30000 still owed
    await openInvoice(account._id, 40000); // 40000 owed
    const paid = await openInvoice(account._id, 90000, 90000); // paid: owes nothing
    expect((await c.repo.get('invoice', paid._id)).status).toBe('paid');
    await c.create('invoice', {
      accountId: account._id,
      currency: 'EUR',
      lines: [{ productId: c.desk._id, quantity: 1, unitPrice: 99999 }],
    }); // a draft is not owed yet
    expect(await checkCredit(c.repo, { accountId: account._id, amount: 30000 })).toEqual({
      approved: true,
      reason: 'withinLimit',
      creditLimit: 100000,
      openBalance: 70000,
      amount: 30000,
      exposure: 100000,
      available: 30000,
      accountId: account._id,
      currency: 'EUR',
    });
    expect(
      await checkCredit(c.repo, { accountId: account._id, amount: 30001, currency: 'EUR' }),
    ).toMatchObject({
      approved: false,
      reason: 'overLimit',
      exposure: 100001,
    });
  });

  it('approves any amount without a limit, and none for an account on hold', async () => {
    const unlimited = await c.create('account', { name: 'No Limit', currency: 'EUR' });
    expect(await checkCredit(c.repo, { accountId: unlimited._id, amount: 10 ** 12 })).toMatchObject({
      approved: true,
      reason: 'noLimit',
      creditLimit: null,
      available: null,
    });
    await c.repo.update('account', unlimited._id, { status: 'onHold' }, {}, testActor);
    expect(await checkCredit(c.repo, { accountId: unlimited._id, amount: 1 })).toMatchObject({
      approved: false,
      reason: 'accountOnHold',
    });
  });

  it('refuses another currency and an unknown account with clear errors', async () => {
    await expect(
      checkCredit(c.repo, { accountId: c.account._id, amount: 1, currency: 'USD' }),
    ).rejects.toMatchObject({
      message: "currency USD is not the account's currency EUR",
      details: [
        {
          path: 'params.currency',
          message: "must be the account's currency EUR; credit is not checked across currencies",
        },
      ],
    });
    await expect(checkCredit(c.repo, { accountId: 'nope', amount: 1 })).rejects.toThrow(
      'account nope does not exist',
    );
  });
});

describe('erp.createInvoice', () => {
  it('bills the whole order with tax, a due date from the payment terms and the next gapless number', async () => {
    const order = await orderFor(
      c,
      [
        [c.desk, 2],
        [c.service, 1],
      ],
      { paymentTerms: 'net14', discountBp: 500 },
    );
    const invoice = await createInvoiceFromOrder(
      c.repo,
      { salesOrderId: order._id, status: 'issued' },
      keyed('inv/1'),
      fixedNow,
    );
    const year = new Date().getUTCFullYear();
    expect(invoice).toMatchObject({
      number: expect.stringMatching(new RegExp(`^INV-${year}-\\d{6}$`)),
      salesOrderId: order._id,
      accountId: c.account._id,
      status: 'issued',
      issueDate: '2026-05-20',
      dueDate: '2026-06-03',
      paymentTerms: 'net14',
      discountBp: 500,
      subtotal: 95000,
      discountTotal: 4750,
      taxTotal: 17148,
      total: 107398,
      amountPaid: 0,
      amountDue: 107398,
    });
    expect(invoice.total).toBe(order.total);
    expect((invoice.lines as unknown[]).length).toBe(2);
  });

  it('numbers concurrent invoices without gaps, and a retried key returns the same invoice', async () => {
    const before = await c.repo.list('invoice', { sort: { field: 'number', direction: -1 }, limit: 1 });
    const newest = before.items[0]?.number;
    const last = typeof newest === 'string' ? Number(newest.slice(-6)) : 0;
    const orders = await Promise.all(Array.from({ length: 6 }, () => orderFor(c, [[c.chair, 1]])));
    const invoices = await Promise.all(
      orders.map((order, i) =>
        createInvoiceFromOrder(c.repo, { salesOrderId: order._id }, keyed(`batch/${i}`), fixedNow),
      ),
    );
    const numbers = invoices.map((invoice) => Number(String(invoice.number).slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map((n) => last + n));
    const again = await createInvoiceFromOrder(
      c.repo,
      { salesOrderId: orders[0]!._id },
      keyed('batch/0'),
      fixedNow,
    );
    expect(again._id).toBe(invoices[0]!._id);
    expect(
      await c.repo.list('invoice', { filters: [{ field: 'salesOrderId', op: 'eq', value: orders[0]!._id }] }),
    ).toMatchObject({
      items: [{ _id: invoices[0]!._id }],
    });
  });

  it('invoices an order once, honours dueInDays, and refuses draft orders', async () => {
    const order = await orderFor(c, [[c.lamp, 1]]);
    const first = await createInvoiceFromOrder(
      c.repo,
      { salesOrderId: order._id, dueInDays: 3 },
      keyed('once/1'),
      fixedNow,
    );
    expect(first).toMatchObject({ status: 'draft', dueDate: '2026-05-23' });
    await expect(
      createInvoiceFromOrder(c.repo, { salesOrderId: order._id }, keyed('once/2'), fixedNow),
    ).rejects.toMatchObject({
      message: `sales order ${String(order.number)} is already invoiced by ${String(first.number)}`,
      details: [{ path: 'params.salesOrderId', message: `is already invoiced by ${String(first.number)}` }],
    });
    const draft = await c.create('salesOrder', {
      accountId: c.account._id,
      currency: 'EUR',
      lines: [{ productId: c.lamp._id, quantity: 1, unitPrice: 3000 }],
    });
    await expect(
      createInvoiceFromOrder(c.repo, { salesOrderId: draft._id }, keyed('draft'), fixedNow),
    ).rejects.toThrow(
      `sales order ${String(draft.number)} is draft; only confirmed, shipped or completed orders are invoiced`,
    );
  });

  it('neither bills nor reserves an order on credit hold', async () => {
    const order = await orderFor(c, [[c.desk, 1]]);
    await c.repo.update('salesOrder', order._id, { creditHold: true }, {}, testActor);
    await expect(
      createInvoiceFromOrder(c.repo, { salesOrderId: order._id }, keyed('held/1'), fixedNow),
    ).rejects.toMatchObject({
      message: `sales order ${String(order.number)} is on credit hold; release it first`,
      details: [{ path: 'params.salesOrderId', message: 'is on credit hold; release it first' }],
    });
    await expect(reserveStockFor(c.repo, { orderId: order._id }, keyed('held/2'))).rejects.toMatchObject({
      details: [{ path: 'params.orderId', message: 'is on credit hold; release it first' }],
    });
  });
});
