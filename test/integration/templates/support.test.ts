import { createCompany } from './company';
import { eventually, startProcessHarness, type ProcessHarness } from './process-harness';
import { customerScores, openTicket, responsesOf, supportHappyPath } from './support-steps';

/*
 * The support template end to end: started by the ticket write, prioritised and queued by rules,
 * answered through the inbox, resolved, and closed after the customer's score.
 */

let h: ProcessHarness;
let worker: { stop(): Promise<void> };
let support: string;

beforeAll(async () => {
  h = await startProcessHarness('template-support');
  worker = await h.startWorker();
  support = await h.installAndPublish('support', { firstResponseSla: 'P1D', surveyWait: 'P1D' });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

describe('customer support', () => {
  it('happy path: a gold customer gets high priority, the agent resolves it at once, the score closes it', async () => {
    const company = await createCompany(h.repo, { account: { tier: 'gold' } });
    await supportHappyPath(h, support, company);
  });

  it('an outage on a billing ticket is urgent in the finance queue; a low score gets a follow-up', async () => {
    const company = await createCompany(h.repo, { account: { tier: 'bronze' } });
    const { ticket, runId } = await openTicket(h, support, {
      subject: 'Invoice portal DOWN since this morning',
      category: 'billing',
      priority: 'low',
      accountId: company.account._id,
    });
    const task = await h.task(runId, 'firstResponse');
    expect(task).toMatchObject({
      assigneeRole: 'finance',
      title: `[urgent] ${String(ticket.number)}: Invoice portal DOWN since this morning`,
    });
    // Support may not answer the finance queue.
    expect(
      (
        await h.as('support')('POST', `/tasks/${encodeURIComponent(task._id)}/complete`, {
          outcome: 'completed',
          data: { response: 'x' },
        })
      ).status,
    ).toBe(403);
    await h.complete('finance', task, 'completed', { response: 'We are looking into it.' });
    // Not resolved yet: the run records the response and waits until the agent resolves the ticket.
    await eventually(async () =>
      (await h.repo.get('ticket', ticket._id)).firstRespondedAt ? true : undefined,
    );
    expect(await h.repo.get('ticket', ticket._id)).toMatchObject({ status: 'open' });
    await h.patch('support', 'ticket', ticket._id, { status: 'resolved' });
    await customerScores(h, ticket, 1, 'Took all day');
    const followUp = await h.task(runId, 'followUp');
    expect(followUp).toMatchObject({
      assigneeRole: 'supportLead',
      title: `Low satisfaction (1/5) on ${String(ticket.number)}`,
      description: 'The customer said: Took all day. Call the customer and note what you agreed.',
    });
    await h.complete('supportLead', followUp, 'completed', { note: 'Credited one month of the portal fee' });
    expect(await h.finished(runId)).toMatchObject({
      status: 'completed',
      result: { priority: 'urgent', score: 1 },
    });

    expect(await h.repo.get('ticket', ticket._id)).toMatchObject({
      status: 'closed',
      priority: 'urgent',
      assigneeRole: 'finance',
      satisfactionScore: 1,
      satisfactionComment: 'Took all day',
      firstRespondedAt: expect.any(String),
      resolvedAt: expect.any(String),
      closedAt: expect.any(String),
    });
    expect(await responsesOf(h, ticket._id)).toMatchObject([{ body: 'We are looking into it.' }]);
  });
});
