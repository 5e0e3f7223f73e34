import type { EntityRecord } from '../../../domain/entities';
import { recordsWhere } from './company';
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

/** The support agent records the customer's score once the run asks for it. */
export async function customerScores(h: ProcessHarness, ticketId: string, score: number, comment?: string) {
  await eventually(async () => {
    const mails = await h.services.db
      .collection('mailbox')
      .countDocuments({ body: new RegExp(ticketNumberOf(ticketId)) });
    return mails > 0 ? true : undefined;
  });
  return h.patch('support', 'ticket', ticketId, {
    satisfactionScore: score,
    ...(comment === undefined ? {} : { satisfactionComment: comment }),
  });
}

const numbers = new Map<string, string>();

/** Remembers a ticket's number, for the survey mail lookup. */
export function rememberTicket(ticket: EntityRecord): void {
  numbers.set(ticket._id, String(ticket.number));
}

function ticketNumberOf(ticketId: string): string {
  return numbers.get(ticketId) ?? ticketId;
}

/** The responses the run logged in the customer's history. */
export function responsesOf(h: ProcessHarness, ticketId: string): Promise<EntityRecord[]> {
  return recordsWhere(h.repo, 'activity', 'ticketId', ticketId);
}
