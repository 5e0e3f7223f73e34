import { startProcessHarness, type ProcessHarness } from './process-harness';
import { openTicket, responsesOf } from './support-steps';

/*
 * The support template's timed paths, with a 2-second first-response SLA and survey wait: a ticket
 * nobody answers escalates to the support lead, and a customer who never scores is closed anyway.
 */

let h: ProcessHarness;
let worker: { stop(): Promise<void> };
let support: string;

beforeAll(async () => {
  h = await startProcessHarness('template-support-sla');
  worker = await h.startWorker();
  support = await h.installAndPublish('support', { firstResponseSla: 'PT2S', surveyWait: 'PT2S' });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

describe('customer support SLA', () => {
  it('a first response past its SLA escalates the ticket to the support lead', async () => {
    const { ticket, runId } = await openTicket(h, support, {
      subject: 'Where is my delivery?',
      category: 'delivery',
    });
    const missed = await h.task(runId, 'firstResponse');
    expect(missed).toMatchObject({
      assigneeRole: 'support',
      title: `[normal] ${String(ticket.number)}: Where is my delivery?`,
    });
    const lead = await h.task(runId, 'leadResponse');
    expect(lead).toMatchObject({
      assigneeRole: 'supportLead',
      title: `Escalated [normal] ${String(ticket.number)}: Where is my delivery?`,
      related: { entityType: 'ticket', id: ticket._id },
    });
    const timedOut = (await h.as('admin')('GET', `/tasks/${encodeURIComponent(missed._id)}`)).body;
    expect(timedOut).toMatchObject({ status: 'cancelled' });
    expect(await h.repo.get('ticket', ticket._id)).toMatchObject({
      status: 'open',
      assigneeRole: 'supportLead',
    });
    await h.complete('supportLead', lead, 'completed', {
      response: 'It leaves the warehouse today.',
      resolved: true,
    });
    // No account, so no survey mail; nobody scores, and the ticket closes after the wait.
    expect(await h.finished(runId)).toMatchObject({
      status: 'completed',
      result: { ticket: ticket.number, priority: 'normal' },
    });
    expect(await h.repo.get('ticket', ticket._id)).toMatchObject({
      status: 'closed',
      priority: 'normal',
      assigneeRole: 'supportLead',
      firstRespondedAt: expect.any(String),
      resolvedAt: expect.any(String),
      closedAt: expect.any(String),
    });
    expect((await h.repo.get('ticket', ticket._id)).satisfactionScore).toBeUndefined();
    expect(await responsesOf(h, ticket._id)).toMatchObject([{ body: 'It leaves the warehouse today.' }]);
    expect(await h.services.db.collection('mailbox').countDocuments({ subject: /How did we do/ })).toBe(0);
  });
});
