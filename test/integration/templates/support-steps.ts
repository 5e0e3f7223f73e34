import type { EntityRecord } from '../../../domain/entities';
import { recordsWhere, type Company } from './company';
import { eventually, type ProcessHarness } from './process-harness';
import { runStartedBy } from './quote-to-cash-steps';

/**
 * Drives the support template as its users do: a ticket is created through the API, agents answer
 * in their inbox, the agent resolves the ticket, and the customer's score is recorded on it.
 */

/** Creates a ticket through the API as support; returns it and the run it started. */
export async function openTicket(
  h: ProcessHarness,
  workflowId: string,
  data: Record<string, unknown>,
): Promise<{ ticket: EntityRecord; runId: string }> {
  const ticket = await h.create('support', 'ticket', { channel: 'email', ...data });
  return { ticket, runId: await runStartedBy(h, 'ticket', ticket, workflowId) };
}

/** The support agent records the customer's score once the run sent the survey naming the ticket. */
export async function customerScores(
  h: ProcessHarness,
  ticket: EntityRecord,
  score: number,
  comment?: string,
) {
  await eventually(async () => {
    const mails = await h.services.db
      .collection('mailbox')
      .countDocuments({ body: new RegExp(String(ticket.number)) });
    return mails > 0 ? true : undefined;
  });
  return h.patch('support', 'ticket', ticket._id, {
    satisfactionScore: score,
    ...(comment === undefined ? {} : { satisfactionComment: comment }),
  });
}

/** The responses the run logged in the customer's history. */
export function responsesOf(h: ProcessHarness, ticketId: string): Promise<EntityRecord[]> {
  return recordsWhere(h.repo, 'activity', 'ticketId', ticketId);
}

/**
 * A gold customer's ticket, answered and resolved at once, scored 5: drives it and checks every
 * record it touched. `afterResponse` runs once the agent answered (the crash test kills its worker there).
 */
export async function supportHappyPath(
  h: ProcessHarness,
  workflowId: string,
  company: Company,
  afterResponse: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  // The customer's order and invoice, which the agent sees from the task's related ticket.
  const order = await h.create('sales', 'salesOrder', {
    accountId: company.account._id,
    currency: 'EUR',
    lines: [{ productId: company.chair._id, quantity: 1, unitPrice: 12000, taxRateBp: 1900 }],
  });
  const invoice = await h.create('finance', 'invoice', {
    accountId: company.account._id,
    salesOrderId: order._id,
    status: 'issued',
    issueDate: '2026-05-01',
    currency: 'EUR',
    lines: [{ productId: company.chair._id, quantity: 1, unitPrice: 12000, taxRateBp: 1900 }],
  });
  const { ticket, runId } = await openTicket(h, workflowId, {
    subject: 'Chair wobbles',
    description: 'One of the new chairs wobbles.',
    category: 'product',
    accountId: company.account._id,
    contactId: company.contact._id,
    salesOrderId: order._id,
  });
  const task = await h.task(runId, 'firstResponse');
  expect(task).toMatchObject({
    assigneeRole: 'support',
    title: `[high] ${String(ticket.number)}: Chair wobbles`,
    related: { entityType: 'ticket', id: ticket._id },
  });
  const classified = await h.repo.get('ticket', ticket._id);
  expect(classified).toMatchObject({ status: 'open', priority: 'high', assigneeRole: 'support' });
  const due = Date.parse(String(classified.firstResponseDueAt)) - Date.parse(String(classified.createdAt));
  expect(Math.round(due / 3_600_000)).toBe(24);
  const related = await h.as('support')('GET', `/entities/account/${company.account._id}/related`);
  expect(related.status).toBe(200);
  expect((related.body.orders as EntityRecord[]).map((o) => o._id)).toEqual([order._id]);
  expect((related.body.invoices as EntityRecord[]).map((i) => i._id)).toEqual([invoice._id]);
  expect(related.body.openBalance).toEqual({ amount: 14280, currency: 'EUR' });

  await h.complete('support', task, 'completed', {
    response: 'We are sending a replacement.',
    resolved: true,
  });
  await afterResponse();
  await customerScores(h, ticket, 5);
  expect(await h.finished(runId)).toMatchObject({
    status: 'completed',
    result: { ticket: ticket.number, priority: 'high', score: 5 },
  });

  expect(await h.repo.get('ticket', ticket._id)).toMatchObject({
    status: 'closed',
    priority: 'high',
    assigneeRole: 'support',
    satisfactionScore: 5,
    firstRespondedAt: expect.any(String),
    resolvedAt: expect.any(String),
    closedAt: expect.any(String),
  });
  expect(await responsesOf(h, ticket._id)).toMatchObject([
    {
      type: 'email',
      direction: 'outbound',
      status: 'done',
      subject: `Re: ${String(ticket.number)} Chair wobbles`,
      body: 'We are sending a replacement.',
      accountId: company.account._id,
      contactId: company.contact._id,
    },
  ]);
  const surveys = await h.services.db
    .collection('mailbox')
    .find({ subject: `How did we do? ${String(ticket.number)}` })
    .toArray();
  expect(surveys).toMatchObject([{ to: [company.account.email] }]);
  expect(await h.repo.get('invoice', invoice._id)).toMatchObject({ status: 'issued', amountDue: 14280 });
}
