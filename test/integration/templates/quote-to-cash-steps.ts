import type { EntityType } from '../../../schemas';
import { readVersion } from '../../../domain/entities/version-log';
import type { EntityRecord } from '../../../domain/entities';
import { triggerRunId } from '../../../domain/triggers';
import type { Company } from './company';
import { recordsWhere, stockOf } from './company';
import { eventually, type ProcessHarness } from './process-harness';

/**
 * Drives the quote-to-cash template the way its users do: sales moves a deal to the quote stage
 * through the API, people complete their tasks, finance books the payment. Shared by the process
 * tests and the worker-crash test, so both assert the same final states.
 */

/** The deal: 2 desks at 450.00, 4 chairs at 120.00 and an assembly service at 50.00, all 19% tax. */
export function dealLines(company: Company, desks = 2) {
  return [
    { productId: company.desk._id, quantity: desks, unitPrice: 45000, taxRateBp: 1900 },
    { productId: company.chair._id, quantity: 4, unitPrice: 12000, taxRateBp: 1900 },
    { productId: company.assembly._id, quantity: 1, unitPrice: 5000, taxRateBp: 1900 },
  ];
}

/** The run a record's latest write started for a workflow's trigger node. */
export async function runStartedBy(
  h: ProcessHarness,
  type: string,
  record: EntityRecord,
  workflowId: string,
  nodeId = 'start',
): Promise<string> {
  const version = await readVersion(h.services.db, type as EntityType, record._id, record.version);
  if (version === null) throw new Error(`${type} ${record._id} has no version ${record.version}`);
  return triggerRunId(version.eventId, workflowId, nodeId);
}

/** Sales records the deal and moves it to `stage`; returns the opportunity and the run it started. */
export async function startDeal(
  h: ProcessHarness,
  company: Company,
  workflowId: string,
  options: { discountBp: number; stage?: string; desks?: number },
): Promise<{ opportunity: EntityRecord; runId: string }> {
  const created = await h.create('sales', 'opportunity', {
    name: `Office refit for ${String(company.account.name)}`,
    accountId: company.account._id,
    contactId: company.contact._id,
    currency: 'EUR',
    amount: 150000,
    discountBp: options.discountBp,
    lines: dealLines(company, options.desks),
  });
  const opportunity = await h.patch('sales', 'opportunity', created._id, {
    stage: options.stage ?? 'proposal',
  });
  return { opportunity, runId: await runStartedBy(h, 'opportunity', opportunity, workflowId) };
}

/** The quote a run made for the deal. */
export async function quoteOf(h: ProcessHarness, opportunityId: string): Promise<EntityRecord> {
  return eventually(async () => (await recordsWhere(h.repo, 'quote', 'opportunityId', opportunityId))[0]);
}

/** The sales order a run made for the deal. */
export async function orderOf(h: ProcessHarness, opportunityId: string): Promise<EntityRecord> {
  return eventually(
    async () => (await recordsWhere(h.repo, 'salesOrder', 'opportunityId', opportunityId))[0],
  );
}

/** Sales records that the customer accepted the quote. */
export async function customerAccepts(h: ProcessHarness, runId: string): Promise<void> {
  await h.complete('sales', await h.task(runId, 'customerAnswer'), 'completed', {
    accepted: true,
    customerReference: 'PO-4711',
  });
}

/** Sales hands the goods to the carrier. */
export async function shipGoods(h: ProcessHarness, runId: string): Promise<void> {
  await h.complete('sales', await h.task(runId, 'shipTask'), 'completed', {
    carrier: 'DHL',
    trackingNumber: 'JD014600006281',
  });
}

/** The issued invoice of an order, once the run made it. */
export async function invoiceOf(h: ProcessHarness, orderId: string): Promise<EntityRecord> {
  return eventually(async () => (await recordsWhere(h.repo, 'invoice', 'salesOrderId', orderId))[0]);
}

/** Finance books the customer's bank transfer over the whole invoice. */
export async function customerPays(h: ProcessHarness, invoice: EntityRecord): Promise<EntityRecord> {
  return h.create('finance', 'payment', {
    invoiceId: invoice._id,
    accountId: invoice.accountId,
    amount: invoice.total,
    currency: 'EUR',
    method: 'bankTransfer',
    receivedAt: '2026-06-01T09:00:00.000Z',
    reference: String(invoice.number),
  });
}

/** Each record's final state after a won deal of 2 desks and 4 chairs with a 5% discount. */
export async function expectWonDeal(
  h: ProcessHarness,
  company: Company,
  opportunityId: string,
  expected: { invoiceNumber?: string; desksOnHandBefore?: number } = {},
): Promise<void> {
  const year = new Date().getUTCFullYear();
  const totals = { subtotal: 143000, discountTotal: 7150, taxTotal: 25812, total: 161662 };
  const quotes = await recordsWhere(h.repo, 'quote', 'opportunityId', opportunityId);
  const orders = await recordsWhere(h.repo, 'salesOrder', 'opportunityId', opportunityId);
  expect(quotes).toHaveLength(1);
  expect(orders).toHaveLength(1);
  const [quote, order] = [quotes[0] as EntityRecord, orders[0] as EntityRecord];
  expect(quote).toMatchObject({ status: 'converted', discountBp: 500, salesOrderId: order._id, ...totals });
  expect(quote.number).toMatch(new RegExp(`^QUO-${year}-\\d{6}$`));
  expect(order).toMatchObject({
    status: 'completed',
    creditHold: false,
    quoteId: quote._id,
    accountId: company.account._id,
    warehouseId: company.warehouse._id,
    customerReference: 'PO-4711',
    paymentTerms: 'net14',
    ...totals,
  });
  const shipments = await recordsWhere(h.repo, 'shipment', 'salesOrderId', order._id);
  expect(shipments).toHaveLength(1);
  expect(shipments[0]).toMatchObject({
    status: 'shipped',
    carrier: 'DHL',
    trackingNumber: 'JD014600006281',
    warehouseId: company.warehouse._id,
    lines: [
      { productId: company.desk._id, quantity: 2 },
      { productId: company.chair._id, quantity: 4 },
    ],
  });
  const desksBefore = expected.desksOnHandBefore ?? 10;
  expect(await stockOf(h.repo, company.stock.desk)).toEqual({
    onHand: desksBefore - 2,
    reserved: 0,
    available: desksBefore - 2,
  });
  expect(await stockOf(h.repo, company.stock.chair)).toEqual({ onHand: 16, reserved: 0, available: 16 });
  const invoices = await recordsWhere(h.repo, 'invoice', 'salesOrderId', order._id);
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0] as EntityRecord;
  expect(invoice).toMatchObject({
    status: 'paid',
    accountId: company.account._id,
    amountPaid: totals.total,
    amountDue: 0,
    paymentTerms: 'net14',
    ...totals,
  });
  expect(invoice.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
  if (expected.invoiceNumber !== undefined) expect(invoice.number).toBe(expected.invoiceNumber);
  const issued = Date.parse(`${String(invoice.issueDate)}T00:00:00Z`);
  expect(invoice.dueDate).toBe(new Date(issued + 14 * 86_400_000).toISOString().slice(0, 10));
  const payments = await recordsWhere(h.repo, 'payment', 'invoiceId', invoice._id);
  expect(payments).toHaveLength(1);
  expect(payments[0]).toMatchObject({ status: 'received', amount: totals.total });
  expect(await h.repo.get('opportunity', opportunityId)).toMatchObject({
    stage: 'closedWon',
    amount: totals.total,
  });
}

/** Points in a won deal where a test may step in, e.g. to kill the worker. */
export interface DealHooks {
  /** After the customer's acceptance is recorded: the run makes the order, checks credit, reserves. */
  afterAccept?: () => Promise<void>;
}

/** A deal within policy won end to end, checked record by record; returns the run's id. */
export async function winDeal(
  h: ProcessHarness,
  company: Company,
  workflowId: string,
  hooks: DealHooks = {},
): Promise<string> {
  const { opportunity, runId } = await startDeal(h, company, workflowId, { discountBp: 500 });
  await customerAccepts(h, runId);
  await hooks.afterAccept?.();
  await shipGoods(h, runId);
  const order = await orderOf(h, opportunity._id);
  const invoice = await invoiceOf(h, order._id);
  await customerPays(h, invoice);
  expect(await h.finished(runId)).toMatchObject({
    status: 'completed',
    result: { outcome: 'won', order: order.number, invoice: invoice.number },
  });
  await expectWonDeal(h, company, opportunity._id);
  return runId;
}
