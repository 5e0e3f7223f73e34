import { createCompany, recordsWhere } from './company';
import { startCrashPoint, type CrashPoint } from './crash-point';
import { winDeal } from './quote-to-cash-steps';

/*
 * SIGKILL the worker while quote to cash makes the order, checks credit and reserves stock: the run
 * finishes on another worker with exactly the records, stock, invoice and payment of an undisturbed run.
 */

let crash: CrashPoint;
beforeAll(async () => {
  crash = await startCrashPoint('crash-quote-to-cash');
});
afterAll(() => crash?.close());

it('a worker killed mid-run changes none of the final states of a won deal', async () => {
  const { h } = crash;
  const workflowId = await h.installAndPublish('quote-to-cash', { paymentReminderInterval: 'P7D' });
  const company = await createCompany(h.repo);
  await winDeal(h, company, workflowId, {
    afterAccept: () =>
      crash.killWhen(
        async () => (await recordsWhere(h.repo, 'salesOrder', 'accountId', company.account._id)).length > 0,
      ),
  });
  expect(crash.killed).toBe(true);
});
