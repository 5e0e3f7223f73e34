import { reconcile } from '../../../domain/erp';
import { createCompany, recordsWhere, stockOf, type Company } from './company';
import { eventually, startProcessHarness, type ProcessHarness } from './process-harness';
import {
  customerAccepts,
  customerPays,
  invoiceOf,
  orderOf,
  shipGoods,
  startDeal,
} from './quote-to-cash-steps';

/*
 * A concurrency soak of the quote-to-cash template: 20 deals at once for one product with stock for
 * 12 of them. Every deal that got its stock is shipped, invoiced once and paid; the others wait on a
 * requisition with nothing reserved; and stock, reservations, invoices and payments reconcile with
 * no difference, before and after the waiting runs are cancelled.
 */

jest.setTimeout(1_200_000);

let h: ProcessHarness;
let worker: { stop(): Promise<void> };
let quoteToCash: string;

beforeAll(async () => {
  h = await startProcessHarness('template-quote-to-cash-soak');
  worker = await h.startWorker();
  quoteToCash = await h.installAndPublish('quote-to-cash', { paymentReminderInterval: 'P7D' });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

const deals = 20;
/** Two desks a deal: stock for 12 deals. */
const desks = 24;

type Outcome = { runId: string; outcome: 'won'; invoice: string } | { runId: string; outcome: 'short' };

async function playDeal(company: Company): Promise<Outcome> {
  const { opportunity, runId } = await startDeal(h, company, quoteToCash, { discountBp: 500 });
  await customerAccepts(h, runId);
  const order = await orderOf(h, opportunity._id);
  // The run either reserved the stock (the shipping task opens) or raised a requisition.
  const next = await eventually(async () => {
    const [requisition] = await recordsWhere(h.repo, 'purchaseRequisition', 'salesOrderId', order._id);
    if (requisition?.status === 'submitted') return 'short' as const;
    const tasks = await h.as('admin')('GET', `/tasks?status=open&runId=${encodeURIComponent(runId)}`);
    const open = (tasks.body?.items ?? []) as { nodeId: string }[];
    return open.some((task) => task.nodeId === 'shipTask') ? ('ship' as const) : undefined;
  });
  if (next === 'short') return { runId, outcome: 'short' };
  await shipGoods(h, runId);
  const invoice = await invoiceOf(h, order._id);
  await customerPays(h, invoice);
  expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'won' } });
  return { runId, outcome: 'won', invoice: String(invoice.number) };
}

test('20 deals racing for stock of 12: 12 won, invoiced once and paid, 8 waiting, books reconciled', async () => {
  const company = await createCompany(h.repo, { deskOnHand: desks, chairOnHand: 4 * deals });
  const started = Date.now();
  const outcomes = await Promise.all(Array.from({ length: deals }, () => playDeal(company)));
  const seconds = (Date.now() - started) / 1000;

  const won = outcomes.filter((o) => o.outcome === 'won');
  const short = outcomes.filter((o) => o.outcome === 'short');
  expect(won).toHaveLength(desks / 2);
  expect(short).toHaveLength(deals - desks / 2);
  expect(new Set(won.map((o) => (o.outcome === 'won' ? o.invoice : ''))).size).toBe(won.length);
  expect(await stockOf(h.repo, company.stock.desk)).toEqual({ onHand: 0, reserved: 0, available: 0 });
  expect(await stockOf(h.repo, company.stock.chair)).toEqual({
    onHand: 4 * short.length,
    reserved: 0,
    available: 4 * short.length,
  });

  const books = await reconcile(h.services.db);
  expect(books.differences).toEqual([]);
  expect(books.invoices).toBe(won.length);
  expect(books.payments).toBe(won.length);

  // The waiting runs cancelled: nothing was reserved for them, and the books still agree.
  for (const { runId } of short) {
    expect((await h.as('admin')('POST', `/runs/${encodeURIComponent(runId)}/cancel`)).status).toBe(202);
  }
  for (const { runId } of short) expect(await h.finished(runId)).toMatchObject({ status: 'cancelled' });
  const after = await reconcile(h.services.db);
  expect(after.differences).toEqual([]);
  console.log(
    `quote-to-cash soak: ${JSON.stringify({
      runs: deals,
      won: won.length,
      waitingThenCancelled: short.length,
      invoices: books.invoices,
      payments: books.payments,
      reservations: books.reservations,
      stockItems: books.stockItems,
      differences: books.differences.length + after.differences.length,
      seconds: Math.round(seconds),
    })}`,
  );
});
