import { createCompany, recordsWhere } from './company';
import { crashPoint, type CrashPoint } from './crash-point';
import { buyAsOrdered, expectBoughtAsOrdered, purchaseOrderOf, submitRequisition } from './procurement-steps';
import { startProcessHarness, type ProcessHarness } from './process-harness';

/*
 * SIGKILL the worker while procurement books the goods receipt into stock: the run finishes on
 * another worker with exactly the stock, orders, receipt and invoice of an undisturbed run.
 */

let h: ProcessHarness;
let worker: CrashPoint;
beforeAll(async () => {
  h = await startProcessHarness('crash-procurement');
  worker = await crashPoint(h);
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

it('a worker killed mid-run changes none of the final states of a purchase', async () => {
  const workflowId = await h.installAndPublish('procurement', {});
  const company = await createCompany(h.repo);
  const { requisition, runId } = await submitRequisition(h, company, workflowId);
  await buyAsOrdered(h, runId, 'SUP-2001', () =>
    worker.killWhen(async () => {
      const order = await purchaseOrderOf(h, requisition._id);
      return (await recordsWhere(h.repo, 'goodsReceipt', 'purchaseOrderId', order._id)).length > 0;
    }),
  );
  expect(await h.finished(runId)).toMatchObject({ status: 'completed', result: { outcome: 'approved' } });
  await expectBoughtAsOrdered(h, company, requisition._id, 'SUP-2001');
  expect(worker.killed).toBe(true);
});
