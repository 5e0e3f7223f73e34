import { createCompany, recordsWhere } from './company';
import { crashPoint, type CrashPoint } from './crash-point';
import { startProcessHarness, type ProcessHarness } from './process-harness';
import { winDeal } from './quote-to-cash-steps';

/*
 * SIGKILL the worker while quote to cash makes the order, checks credit and reserves stock: the run
 * finishes on another worker with exactly the records, stock, invoice and payment of an undisturbed run.
 */

let h: ProcessHarness;
let worker: CrashPoint;
beforeAll(async () => {
  h = await startProcessHarness('crash-quote-to-cash');
  worker = await crashPoint(h);
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

it('a worker killed mid-run changes none of the final states of a won deal', async () => {
  const workflowId = await h.installAndPublish('quote-to-cash', { paymentReminderInterval: 'P7D' });
  const company = await createCompany(h.repo);
  await winDeal(h, company, workflowId, {
    afterAccept: () =>
      worker.killWhen(
        async () => (await recordsWhere(h.repo, 'salesOrder', 'accountId', company.account._id)).length > 0,
      ),
  });
  expect(worker.killed).toBe(true);
});
