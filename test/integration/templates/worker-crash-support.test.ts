import { createCompany } from './company';
import { crashPoint, type CrashPoint } from './crash-point';
import { startProcessHarness, type ProcessHarness } from './process-harness';
import { supportHappyPath } from './support-steps';

/*
 * SIGKILL the worker while support records the first response in the ticket and the customer's
 * history: the run finishes on another worker with exactly the records of an undisturbed run.
 */

let h: ProcessHarness;
let worker: CrashPoint;
beforeAll(async () => {
  h = await startProcessHarness('crash-support');
  worker = await crashPoint(h);
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

it('a worker killed mid-run changes none of the final states of a ticket', async () => {
  const workflowId = await h.installAndPublish('support', { firstResponseSla: 'P1D', surveyWait: 'P1D' });
  const company = await createCompany(h.repo, { account: { tier: 'gold' } });
  await supportHappyPath(h, workflowId, company, () =>
    worker.killWhen(async () => {
      const { items } = await h.repo.list('ticket', { limit: 1 });
      return typeof items[0]?.firstRespondedAt === 'string';
    }),
  );
  expect(worker.killed).toBe(true);
});
