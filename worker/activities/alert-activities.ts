import type { Db } from 'mongodb';
import {
  alertSubscriptionsCollection,
  collectDigest,
  composeDigest,
  type AlertSubscription,
} from '../../domain/alerts';
import type { UserDocument } from '../../domain/users/user-types';
import type { Mailer } from './mailer';

/** One digest of a subscription: the schedule's due time ends its window. */
export interface DigestCall {
  subscriptionId: string;
  /** ISO time the schedule was due. */
  scheduledAt: string;
}

export type DigestOutcome =
  | { sent: true; to: string[]; subject: string }
  | { sent: false; reason: 'unsubscribed' | 'nothingToReport' | 'noRecipients' };

/** The digest mail of an alert subscription, sent by its Temporal Schedule. */
export function createAlertActivities(deps: { db: Db; mailer: Mailer }) {
  return {
    /**
     * Mails the role's active users one digest of the subscription's window, the interval that
     * ends at `scheduledAt`. The mail key is the subscription and that time, so a retried or
     * repeated run of one tick sends one mail.
     */
    async 'alerts.sendDigest'(call: DigestCall): Promise<DigestOutcome> {
      const subscription = await deps.db
        .collection<AlertSubscription>(alertSubscriptionsCollection)
        .findOne({ _id: call.subscriptionId });
      if (!subscription) return { sent: false, reason: 'unsubscribed' };
      const until = call.scheduledAt;
      const from = new Date(Date.parse(until) - subscription.intervalMinutes * 60_000).toISOString();
      const mail = composeDigest(await collectDigest(deps.db, subscription, { from, until }), {
        from,
        until,
      });
      if (!mail) return { sent: false, reason: 'nothingToReport' };
      const users = await deps.db
        .collection<UserDocument>('users')
        .find({ roles: subscription.role, active: true }, { projection: { email: 1 } })
        .toArray();
      const to = users.map((user) => user.email).sort();
      if (to.length === 0) return { sent: false, reason: 'noRecipients' };
      await deps.mailer.send({ key: `digest:${subscription._id}:${until}`, to, ...mail });
      return { sent: true, to, subject: mail.subject };
    },
  };
}
