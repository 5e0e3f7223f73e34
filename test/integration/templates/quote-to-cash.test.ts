import type { TaskDocument } from '../../../domain/tasks';
import { createCompany, recordsWhere, stockOf } from './company';
import { eventually, startProcessHarness, type ProcessHarness } from './process-harness';
import {
  customerAccepts,
  customerPays,
  expectWonDeal,
  invoiceOf,
  orderOf,
  quoteOf,
  runStartedBy,
  shipGoods,
  startDeal,
} from './quote-to-cash-steps';

/*
 * The quote-to-cash template end to end: installed and published through the API, started by the
 * opportunity write that moves a deal to the quote stage, driven by people completing their tasks
 * with their own roles, and checked record by record at the end.
 */

let h: ProcessHarness;
let worker: { stop(): Promise<void> };
/** Quotes at `proposal`, with the defaults but a one-week reminder interval. */
let quoteToCash: string;
/** Quotes at `negotiation`, with a 2-second approval SLA and 2-second reminders, for the timed paths. */
let hurried: string;
/** Procurement, which takes the requisitions of stock shortages. */
let procurement: string;

beforeAll(async () => {
  h = await startProcessHarness('template-quote-to-cash');
  worker = await h.startWorker();
  quoteToCash = await h.installAndPublish('quote-to-cash', { paymentReminderInterval: 'P7D' });
  hurried = await h.installAndPublish('quote-to-cash', {
    startStage: 'negotiation',
    approvalDueIn: 'PT2S',
    paymentReminderInterval: 'PT2S',
    maxReminders: 1,
  });
  procurement = await h.installAndPublish('procurement', {});
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

const year = new Date().getUTCFullYear();

describe('quote to cash', () => {
  it('happy path: quote within policy, order, credit, stock, shipment, invoice, payment, deal won', async () => {
    const company = await createCompany(h.repo);
    const { opportunity, runId } = await startDeal(h, company, quoteToCash, { discountBp: 500 });
    const answer = await h.task(runId, 'customerAnswer');
    const quote = await quoteOf(h, opportunity._id);
    expect(quote).toMatchObject({ status: 'sent', total: 161662, number: `QUO-${year}-000001` });
    expect(answer).toMatchObject({ assigneeRole: 'sales', related: { entityType: 'quote', id: quote._id } });
    await customerAccepts(h, runId);
    await shipGoods(h, runId);
    const order = await orderOf(h, opportunity._id);
    const invoice = await invoiceOf(h, order._id);
    expect(invoice).toMatchObject({ status: 'issued', number: `INV-${year}-000001`, total: 161662 });
    await customerPays(h, invoice);
    const run = await h.finished(runId);
    expect(run).toMatchObject({
      status: 'completed',
      result: { outcome: 'won', quote: quote.number, order: order.number, invoice: invoice.number },
    });
    await expectWonDeal(h, company, opportunity._id, { invoiceNumber: `INV-${year}-000001` });
    // No reminder went out: the payment arrived within the interval.
    expect(await h.services.db.collection('mailbox').countDocuments({ subject: /Payment reminder/ })).toBe(0);
  });

  it('a discount above policy loops through rejection and revision until the customer declines', async () => {
    const company = await createCompany(h.repo);
    const { opportunity, runId } = await startDeal(h, company, quoteToCash, { discountBp: 2000 });
    const approval = await h.task(runId, 'approval');
    expect(approval).toMatchObject({
      assigneeRole: 'salesManager',
      kind: 'approval',
      related: { entityType: 'quote' },
      description: expect.stringContaining('gives 20.0% off EUR 1,430.00'),
    });
    expect((await quoteOf(h, opportunity._id)).status).toBe('pendingApproval');
    await h.complete('salesManager', approval, 'rejected', { comment: 'Too generous' });
    const revise = await h.task(runId, 'revise');
    expect(revise.description).toBe(
      'The sales manager rejected the discount: Too generous Offer a smaller header discount, or abandon the deal.',
    );
    expect((await quoteOf(h, opportunity._id)).status).toBe('rejected');
    // A revision still above policy goes back to the sales manager ...
    await h.complete('sales', revise, 'completed', { discountBp: 1500 });
    await h.complete('salesManager', await h.task(runId, 'approval', 2), 'rejected', {});
    // ... and one within policy is approved by the rules.
    await h.complete('sales', await h.task(runId, 'revise', 2), 'completed', { discountBp: 800 });
    await h.complete('sales', await h.task(runId, 'customerAnswer'), 'completed', { accepted: false });
    expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'lost' } });

    const quote = await quoteOf(h, opportunity._id);
    expect(quote).toMatchObject({
      status: 'declined',
      discountBp: 800,
      subtotal: 143000,
      discountTotal: 11440,
      taxTotal: 24996,
      total: 156556,
    });
    expect(await h.repo.get('opportunity', opportunity._id)).toMatchObject({
      stage: 'closedLost',
      lossReason: 'other',
    });
    expect(await recordsWhere(h.repo, 'salesOrder', 'opportunityId', opportunity._id)).toEqual([]);
    expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('a credit hold goes to finance, and a rejected review cancels the order and loses the deal', async () => {
    const company = await createCompany(h.repo, { account: { creditLimit: 100000 } });
    // An open invoice of 50,000.00 cents already uses half the limit.
    const open = await h.create('finance', 'invoice', {
      accountId: company.account._id,
      status: 'issued',
      issueDate: '2026-05-01',
      currency: 'EUR',
      lines: [{ productId: company.assembly._id, quantity: 1, unitPrice: 50000 }],
    });
    const { opportunity, runId } = await startDeal(h, company, quoteToCash, { discountBp: 500 });
    await customerAccepts(h, runId);
    const review = await h.task(runId, 'creditReview');
    const order = await orderOf(h, opportunity._id);
    expect(review).toMatchObject({
      assigneeRole: 'finance',
      title: `Credit review for order ${String(order.number)} of ${String(company.account.name)}`,
      description:
        'The order (EUR 1,616.62) with the open balance of 500.00 exceeds the credit limit of 1,000.00. Approve to release the order, or reject to cancel it.',
      related: { entityType: 'account', id: company.account._id },
    });
    expect(await h.repo.get('salesOrder', order._id)).toMatchObject({
      status: 'confirmed',
      creditHold: true,
    });
    await h.complete('finance', review, 'rejected', { comment: 'Pay the open invoice first' });
    expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'lost' } });

    expect(await h.repo.get('salesOrder', order._id)).toMatchObject({
      status: 'cancelled',
      creditHold: false,
    });
    expect(await quoteOf(h, opportunity._id)).toMatchObject({ status: 'converted', salesOrderId: order._id });
    expect(await h.repo.get('opportunity', opportunity._id)).toMatchObject({
      stage: 'closedLost',
      lossReason: 'noBudget',
    });
    expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await h.repo.get('invoice', open._id)).toMatchObject({ status: 'issued', amountDue: 50000 });
    expect(await recordsWhere(h.repo, 'invoice', 'salesOrderId', order._id)).toEqual([]);
  });

  it('a stock shortage raises a requisition; procurement buys, receives and pays, and the order goes on', async () => {
    const company = await createCompany(h.repo, { deskOnHand: 1 });
    const { opportunity, runId } = await startDeal(h, company, quoteToCash, { discountBp: 500 });
    await customerAccepts(h, runId);
    const order = await orderOf(h, opportunity._id);
    const requisition = await eventually(async () => {
      const [found] = await recordsWhere(h.repo, 'purchaseRequisition', 'salesOrderId', order._id);
      return found?.status === 'submitted' ? found : undefined;
    });
    expect(requisition).toMatchObject({
      reason: `Stock shortage for order ${String(order.number)}`,
      warehouseId: company.warehouse._id,
      preferredSupplierId: company.supplier._id,
      currency: 'EUR',
      lines: [{ productId: company.desk._id, quantity: 1, unitCost: 27000 }],
    });
    // The shortage reserved nothing.
    expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(await stockOf(h.repo, company.stock.chair)).toEqual({ onHand: 20, reserved: 0, available: 20 });

    // Procurement, started by the submitted requisition: approve, receive, bill and pay.
    const buying = await runStartedBy(h, 'purchaseRequisition', requisition, procurement);
    await h.complete('procurement', await h.task(buying, 'managerApproval'), 'approved');
    await h.complete('procurement', await h.task(buying, 'receiveGoods'), 'completed', {
      allReceived: true,
      deliveryNoteNumber: 'DN-1',
    });
    await h.complete('finance', await h.task(buying, 'enterInvoice'), 'completed', {
      supplierReference: `BILL-${String(order.number)}`,
      asOrdered: true,
    });
    await h.complete('finance', await h.task(buying, 'approvePayment'), 'approved');
    expect(await h.finished(buying)).toMatchObject({ status: 'completed', result: { outcome: 'approved' } });

    // The goods are in: quote to cash reserves again and ships.
    await shipGoods(h, runId);
    const invoice = await invoiceOf(h, order._id);
    await customerPays(h, invoice);
    expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'won' } });
    await expectWonDeal(h, company, opportunity._id, { desksOnHandBefore: 2 });

    const purchaseOrder = await h.repo.get(
      'purchaseOrder',
      String((await h.repo.get('purchaseRequisition', requisition._id)).purchaseOrderId),
    );
    expect(purchaseOrder).toMatchObject({
      status: 'closed',
      supplierId: company.supplier._id,
      requisitionId: requisition._id,
      total: 27000,
      lines: [{ productId: company.desk._id, quantity: 1, unitPrice: 27000 }],
    });
    expect(await h.repo.get('purchaseRequisition', requisition._id)).toMatchObject({ status: 'ordered' });
    expect(await recordsWhere(h.repo, 'goodsReceipt', 'purchaseOrderId', purchaseOrder._id)).toMatchObject([
      {
        status: 'posted',
        deliveryNoteNumber: 'DN-1',
        lines: [{ productId: company.desk._id, receivedQuantity: 1 }],
      },
    ]);
    expect(await recordsWhere(h.repo, 'supplierInvoice', 'purchaseOrderId', purchaseOrder._id)).toMatchObject(
      [{ status: 'approved', total: 27000, supplierReference: `BILL-${String(order.number)}` }],
    );
  });

  it('an overdue discount approval escalates to an admin; an unpaid invoice gets reminders, then collections', async () => {
    const company = await createCompany(h.repo);
    const { opportunity, runId } = await startDeal(h, company, hurried, {
      discountBp: 1500,
      stage: 'negotiation',
    });
    const approval = await h.task(runId, 'approval');
    const escalated = await eventually(async () => {
      const task = (await h.as('admin')('GET', `/tasks/${encodeURIComponent(approval._id)}`))
        .body as TaskDocument;
      return task.escalatedTo === 'admin' ? task : undefined;
    });
    expect(escalated).toMatchObject({ assigneeRole: 'salesManager', escalatedTo: 'admin', status: 'open' });
    const admins = await h.as('admin')('GET', '/tasks?status=open&mine=true');
    expect((admins.body.items as TaskDocument[]).map((task) => task._id)).toContain(approval._id);
    await h.complete('admin', approval, 'approved');
    await customerAccepts(h, runId);
    await shipGoods(h, runId);
    const order = await orderOf(h, opportunity._id);
    const collections = await h.task(runId, 'collections');
    const invoice = await invoiceOf(h, order._id);
    expect(collections).toMatchObject({
      assigneeRole: 'finance',
      title: `Collect overdue invoice ${String(invoice.number)} from ${String(company.account.name)}`,
      related: { entityType: 'account', id: company.account._id },
    });
    const reminders = await h.services.db
      .collection('mailbox')
      .find({ to: company.account.email, subject: `Payment reminder: invoice ${String(invoice.number)}` })
      .toArray();
    expect(reminders).toHaveLength(1);
    await customerPays(h, invoice);
    await h.complete('finance', collections, 'completed', { note: 'Paid by bank transfer' });
    expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'won' } });

    const quote = await quoteOf(h, opportunity._id);
    expect(quote).toMatchObject({ status: 'converted', discountBp: 1500 });
    expect(await h.repo.get('salesOrder', order._id)).toMatchObject({
      status: 'completed',
      total: quote.total,
    });
    expect(await h.repo.get('invoice', invoice._id)).toMatchObject({
      status: 'paid',
      amountPaid: quote.total,
      amountDue: 0,
    });
    expect(await h.repo.get('opportunity', opportunity._id)).toMatchObject({ stage: 'closedWon' });
    expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 8, reserved: 0, available: 8 });
  });
});
