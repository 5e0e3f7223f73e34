import type { EntityRecord } from '../../../domain/entities';
import type { Company } from './company';
import { recordsWhere, stockOf } from './company';
import type { ProcessHarness } from './process-harness';
import { runStartedBy } from './quote-to-cash-steps';

/**
 * Drives the procurement template as its users do: someone submits a requisition through the API,
 * approvers, buyers and accounts payable complete their tasks. Shared by the process tests and the
 * worker-crash test.
 */

/** Submits a requisition for `quantity` desks at 270.00 (or `lines`); returns it and its run. */
export async function submitRequisition(
  h: ProcessHarness,
  company: Company,
  workflowId: string,
  options: { lines?: Record<string, unknown>[]; supplier?: boolean } = {},
): Promise<{ requisition: EntityRecord; runId: string }> {
  const draft = await h.create('procurement', 'purchaseRequisition', {
    requesterId: 'u-warehouse',
    reason: 'Desks for the spring campaign',
    currency: 'EUR',
    warehouseId: company.warehouse._id,
    ...(options.supplier === false ? {} : { preferredSupplierId: company.supplier._id }),
    lines: options.lines ?? [{ productId: company.desk._id, quantity: 5, unitCost: 27000 }],
  });
  const requisition = await h.patch('procurement', 'purchaseRequisition', draft._id, { status: 'submitted' });
  return { requisition, runId: await runStartedBy(h, 'purchaseRequisition', requisition, workflowId) };
}

/** The purchase order a requisition became. */
export async function purchaseOrderOf(h: ProcessHarness, requisitionId: string): Promise<EntityRecord> {
  const [order] = await recordsWhere(h.repo, 'purchaseOrder', 'requisitionId', requisitionId);
  if (order === undefined) throw new Error(`requisition ${requisitionId} has no purchase order`);
  return order;
}

/**
 * The happy path after the requisition: approve, receive everything, bill as ordered, approve payment.
 * `afterReceipt` runs once the goods are recorded (the crash test kills its worker there).
 */
export async function buyAsOrdered(
  h: ProcessHarness,
  runId: string,
  reference: string,
  afterReceipt: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  await h.complete('procurement', await h.task(runId, 'managerApproval'), 'approved', { comment: 'Needed' });
  await h.complete('procurement', await h.task(runId, 'receiveGoods'), 'completed', {
    allReceived: true,
    deliveryNoteNumber: 'DN-77',
  });
  await afterReceipt();
  await h.complete('finance', await h.task(runId, 'enterInvoice'), 'completed', {
    supplierReference: reference,
    issueDate: '2026-06-02',
    asOrdered: true,
  });
  await h.complete('finance', await h.task(runId, 'approvePayment'), 'approved');
}

/** Every record's final state after 5 desks were bought as ordered (10 on hand before). */
export async function expectBoughtAsOrdered(
  h: ProcessHarness,
  company: Company,
  requisitionId: string,
  reference: string,
): Promise<void> {
  const order = await purchaseOrderOf(h, requisitionId);
  expect(await h.repo.get('purchaseRequisition', requisitionId)).toMatchObject({
    status: 'ordered',
    purchaseOrderId: order._id,
  });
  expect(order).toMatchObject({
    status: 'closed',
    supplierId: company.supplier._id,
    warehouseId: company.warehouse._id,
    currency: 'EUR',
    paymentTerms: 'net30',
    lines: [{ productId: company.desk._id, quantity: 5, unitPrice: 27000, lineTotal: 135000 }],
    subtotal: 135000,
    total: 135000,
  });
  expect(order.number).toMatch(new RegExp(`^PO-${new Date().getUTCFullYear()}-\\d{6}$`));
  const receipts = await recordsWhere(h.repo, 'goodsReceipt', 'purchaseOrderId', order._id);
  expect(receipts).toMatchObject([
    {
      status: 'posted',
      deliveryNoteNumber: 'DN-77',
      supplierId: company.supplier._id,
      lines: [{ productId: company.desk._id, receivedQuantity: 5, rejectedQuantity: 0 }],
    },
  ]);
  expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 15, reserved: 0, available: 15 });
  const invoices = await recordsWhere(h.repo, 'supplierInvoice', 'purchaseOrderId', order._id);
  expect(invoices).toMatchObject([
    {
      status: 'approved',
      supplierReference: reference,
      issueDate: '2026-06-02',
      supplierId: company.supplier._id,
      total: 135000,
    },
  ]);
  const mails = await h.services.db
    .collection('mailbox')
    .find({ subject: `Purchase order ${String(order.number)}` })
    .toArray();
  expect(mails).toHaveLength(1);
  expect(mails[0]).toMatchObject({ to: [company.supplier.email] });
}
