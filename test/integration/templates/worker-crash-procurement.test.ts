import { createCompany, recordsWhere } from './company';
import { startCrashPoint, type CrashPoint } from './crash-point';
import { buyAsOrdered, expectBoughtAsOrdered, purchaseOrderOf, submitRequisition } from './procurement-steps';

/*
 * SIGKILL the worker while procurement books the goods receipt into stock: the run finishes on
 * another worker with exactly the stock, orders, receipt and invoice of an undisturbed run.
 */

let crash: CrashPoint;
beforeAll(async () => {
  crash = await startCrashPoint('crash-procurement');
});
afterAll(() => crash?.close());

it('a worker killed mid-run changes none of the final states of a purchase', async () => {
  const { h } = crash;
  const workflowId = await h.installAndPublish('procurement', {});
  const company = await createCompany(h.repo);
  const { requisition, runId } = await submitRequisition(h, company, workflowId);
  await buyAsOrdered(h, runId, 'SUP-2001', () =>
    crash.killWhen(async () => {
      const order = await purchaseOrderOf(h, requisition._id);
      return (await recordsWhere(h.repo, 'goodsReceipt', 'purchaseOrderId', order._id)).length > 0;
    }),
  );
  expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'approved' } });
  await expectBoughtAsOrdered(h, company, requisition._id, 'SUP-2001');
  expect(crash.killed).toBe(true);
});
