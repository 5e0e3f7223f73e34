import { createCompany, recordsWhere, stockOf } from './company';
import { buyAsOrdered, expectBoughtAsOrdered, purchaseOrderOf, submitRequisition } from './procurement-steps';
import { startProcessHarness, type ProcessHarness } from './process-harness';

/*
 * The procurement template end to end: started by the requisition write that submits it, approved by
 * amount, ordered, received into stock, billed and matched, with its exception paths.
 */

let h: ProcessHarness;
let worker: { stop(): Promise<void> };
let procurement: string;

beforeAll(async () => {
  h = await startProcessHarness('template-procurement');
  worker = await h.startWorker();
  procurement = await h.installAndPublish('procurement', { priceToleranceBp: 200 });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

describe('procurement', () => {
  it('happy path: manager approval, purchase order emailed, goods in stock, invoice matched and approved', async () => {
    const company = await createCompany(h.repo);
    const { requisition, runId } = await submitRequisition(h, company, procurement);
    const approval = await h.task(runId, 'managerApproval');
    expect(approval).toMatchObject({
      assigneeRole: 'procurement',
      title: `Approve requisition ${String(requisition.number)} (manager)`,
      description: `Requisition ${String(requisition.number)} by u-warehouse: Desks for the spring campaign. Estimated total EUR 1,350.00.`,
      related: { entityType: 'purchaseRequisition', id: requisition._id },
    });
    await buyAsOrdered(h, runId, 'SUP-1001');
    const run = await h.finished(runId);
    const order = await purchaseOrderOf(h, requisition._id);
    expect(run).toMatchObject({ status: 'completed', result: { outcome: 'approved', order: order.number } });
    await expectBoughtAsOrdered(h, company, requisition._id, 'SUP-1001');
  });

  it('approval by amount: manager, then finance above its limit, then admin above its own; a rejection ends it', async () => {
    const company = await createCompany(h.repo);
    const { requisition, runId } = await submitRequisition(h, company, procurement, {
      lines: [{ productId: company.chair._id, quantity: 250, unitCost: 12000 }], // 30,000.00
    });
    await h.complete('procurement', await h.task(runId, 'managerApproval'), 'approved');
    const finance = await h.task(runId, 'financeApproval');
    expect(finance).toMatchObject({
      assigneeRole: 'finance',
      title: `Approve requisition ${String(requisition.number)} (finance)`,
    });
    await h.complete('finance', finance, 'approved');
    const admin = await h.task(runId, 'adminApproval');
    expect(admin).toMatchObject({ assigneeRole: 'admin' });
    // Finance may not decide the admin's approval.
    expect(
      (
        await h.as('finance')('POST', `/tasks/${encodeURIComponent(admin._id)}/complete`, {
          outcome: 'approved',
          data: {},
        })
      ).status,
    ).toBe(403);
    await h.complete('admin', admin, 'rejected', { comment: 'Not this quarter' });
    expect(await h.finished(runId)).toMatchObject({
      status: 'completed',
      result: { outcome: 'rejected', requisition: requisition.number },
    });
    expect(await h.repo.get('purchaseRequisition', requisition._id)).toMatchObject({ status: 'rejected' });
    expect(await recordsWhere(h.repo, 'purchaseOrder', 'requisitionId', requisition._id)).toEqual([]);
    expect(await stockOf(h.repo, company.stock.chair)).toEqual({ onHand: 20, reserved: 0, available: 20 });
  });

  it('a short delivery billed in full is a match exception; procurement rejects the invoice', async () => {
    const company = await createCompany(h.repo);
    const { requisition, runId } = await submitRequisition(h, company, procurement);
    await h.complete('procurement', await h.task(runId, 'managerApproval'), 'approved');
    await h.complete('procurement', await h.task(runId, 'receiveGoods'), 'completed', {
      allReceived: false,
      deliveryNoteNumber: 'DN-78',
      lines: [
        {
          productId: company.desk._id,
          receivedQuantity: 4,
          rejectedQuantity: 1,
          rejectionReason: 'Broken leg',
        },
      ],
    });
    await h.complete('finance', await h.task(runId, 'enterInvoice'), 'completed', {
      supplierReference: 'SUP-1002',
      asOrdered: true,
    });
    const exception = await h.task(runId, 'matchException');
    const order = await purchaseOrderOf(h, requisition._id);
    const [bill] = await recordsWhere(h.repo, 'supplierInvoice', 'purchaseOrderId', order._id);
    expect(exception).toMatchObject({
      assigneeRole: 'procurement',
      title: `Match exception on ${String(bill?.number)} from ${String(company.supplier.name)}`,
      description: `${String(company.desk.sku)}: invoiced 5, more than the 3 ordered and received. Accept the invoice as it is, or reject it and ask the supplier for a corrected one.`,
      related: { entityType: 'supplierInvoice', id: bill?._id },
    });
    expect(bill).toMatchObject({ status: 'disputed' });
    await h.complete('procurement', exception, 'completed', {
      resolution: 'reject',
      note: 'Asked for a credit note',
    });
    expect(await h.finished(runId)).toMatchObject({
      status: 'completed',
      result: { outcome: 'disputed', reasons: [expect.stringContaining('invoiced 5, more than the 3')] },
    });
    expect(await h.repo.get('supplierInvoice', String(bill?._id))).toMatchObject({
      status: 'cancelled',
      total: 135000,
    });
    expect(await h.repo.get('purchaseOrder', order._id)).toMatchObject({ status: 'partiallyReceived' });
    expect(await recordsWhere(h.repo, 'goodsReceipt', 'purchaseOrderId', order._id)).toMatchObject([
      {
        status: 'posted',
        lines: [{ receivedQuantity: 4, rejectedQuantity: 1, rejectionReason: 'Broken leg' }],
      },
    ]);
    expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 13, reserved: 0, available: 13 });
  });

  it('a buyer picks the supplier, a price beyond tolerance is accepted as an exception, and payment is approved', async () => {
    const company = await createCompany(h.repo);
    const { requisition, runId } = await submitRequisition(h, company, procurement, { supplier: false });
    await h.complete('procurement', await h.task(runId, 'managerApproval'), 'approved');
    await h.complete('procurement', await h.task(runId, 'chooseSupplier'), 'completed', {
      supplierId: 'no-such-supplier',
    });
    const again = await h.task(runId, 'chooseSupplier', 2);
    expect(again.description).toBe(
      'That supplier could not be used: supplier no-such-supplier does not exist',
    );
    await h.complete('procurement', again, 'completed', { supplierId: company.supplier._id });
    await h.complete('procurement', await h.task(runId, 'receiveGoods'), 'completed', { allReceived: true });
    await h.complete('finance', await h.task(runId, 'enterInvoice'), 'completed', {
      supplierReference: 'SUP-1003',
      asOrdered: false,
      lines: [{ productId: company.desk._id, quantity: 5, unitPrice: 27600 }], // +2.2%
    });
    const exception = await h.task(runId, 'matchException');
    expect(exception.description).toBe(
      `${String(company.desk.sku)}: invoiced net unit price 27600 differs from the ordered 27000 by more than 2%. Accept the invoice as it is, or reject it and ask the supplier for a corrected one.`,
    );
    await h.complete('procurement', exception, 'completed', {
      resolution: 'accept',
      note: 'Freight surcharge agreed',
    });
    const payment = await h.task(runId, 'approvePayment');
    expect(payment.description).toContain('accepted despite');
    await h.complete('finance', payment, 'approved');
    expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'approved' } });

    const order = await purchaseOrderOf(h, requisition._id);
    expect(order).toMatchObject({ status: 'closed', supplierId: company.supplier._id, total: 135000 });
    expect(await recordsWhere(h.repo, 'supplierInvoice', 'purchaseOrderId', order._id)).toMatchObject([
      { status: 'approved', total: 138000, supplierReference: 'SUP-1003' },
    ]);
    expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 15, reserved: 0, available: 15 });
  });
});
