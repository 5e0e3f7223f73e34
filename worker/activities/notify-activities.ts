import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityCall } from '../workflows/activity-contract';
import type { Mailer, MailResult } from './mailer';

/** The recipients of a `to` param (one address or a list), or a non-retryable ValidationError. */
export function recipientsOf(to: unknown): string[] {
  const recipients: unknown[] = Array.isArray(to) ? to : [to];
  if (recipients.length === 0 || !recipients.every((r) => typeof r === 'string' && r.includes('@'))) {
    throw ApplicationFailure.nonRetryable(`to must be an email address or a list of them`, 'ValidationError');
  }
  return recipients as string[];
}

/** `notify.email`: one mail per node visit, whatever the retries. */
export function createNotifyActivities(deps: { mailer: Mailer }) {
  return {
    async 'notify.email'(call: ActivityCall): Promise<MailResult & { to: string[] }> {
      const { to, subject, body } = call.params;
      const recipients = recipientsOf(to);
      const result = await deps.mailer.send({
        key: call.idempotencyKey,
        to: recipients,
        subject: typeof subject === 'string' ? subject : JSON.stringify(subject ?? ''),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { ...result, to: recipients };
    },
  };
}
