import { createCompany } from './company';
import { startCrashPoint, type CrashPoint } from './crash-point';
import { supportHappyPath } from './support-steps';

/*
 * SIGKILL the worker while support records the first response in the ticket and the customer's
 * history: the run finishes on another worker with exactly the records of an undisturbed run.
 */

let crash: CrashPoint;
beforeAll(async () => {
  crash = await startCrashPoint('crash-support');
});
afterAll(() => crash?.close());

it('a worker killed mid-run changes none of the final states of a ticket', async () => {
  const { h } = crash;
  const workflowId = await h.installAndPublish('support', { firstResponseSla: 'P1D', surveyWait: 'P1D' });
  const company = await createCompany(h.repo, { account: { tier: 'gold' } });
  await supportHappyPath(h, workflowId, company, () =>
    crash.killWhen(async () => {
      const { items } = await h.repo.list('ticket', { limit: 1 });
      return typeof items[0]?.firstRespondedAt === 'string';
    }),
  );
  expect(crash.killed).toBe(true);
});
