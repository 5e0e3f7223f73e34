import type { Db } from 'mongodb';
import nodemailer from 'nodemailer';

/** A file sent with a mail, e.g. a report's CSV. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  /** Sends at most once per key (the node visit's idempotency key). */
  key: string;
  to: string | string[];
  subject: string;
  body: string;
  attachments?: MailAttachment[];
}

export interface MailResult {
  messageId: string;
  delivered: 'smtp' | 'mailbox';
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<MailResult>;
}

/** The collection of the in-process mail catcher, which the API exposes when no SMTP server is set. */
export const mailboxCollection = 'mailbox';
/** Keys of mails already handed to SMTP. */
const sentMailCollection = 'sentMail';

interface MailboxDocument {
  _id: string;
  to: string[];
  subject: string;
  body: string;
  attachments?: MailAttachment[];
  createdAt: string;
}

/**
 * SMTP via nodemailer when `smtpUrl` is set, else the `mailbox` collection. Mailbox delivery is
 * exactly once (an upsert by key). SMTP is at most once per completed attempt: the key is recorded
 * after the server accepted the mail, so only a crash between the two can send a duplicate.
 */
export function createMailer(deps: { db: Db; smtpUrl?: string; from?: string }): Mailer {
  const from = deps.from ?? 'Ledgerline <noreply@ledgerline.local>';
  if (deps.smtpUrl === undefined) {
    const mailbox = deps.db.collection<MailboxDocument>(mailboxCollection);
    return {
      async send(mail) {
        const to = Array.isArray(mail.to) ? mail.to : [mail.to];
        await mailbox.updateOne(
          { _id: mail.key },
          {
            $setOnInsert: {
              to,
              subject: mail.subject,
              body: mail.body,
              ...(mail.attachments === undefined ? {} : { attachments: mail.attachments }),
              createdAt: new Date().toISOString(),
            },
          },
          { upsert: true },
        );
        return { messageId: mail.key, delivered: 'mailbox' };
      },
    };
  }
  const transport = nodemailer.createTransport(deps.smtpUrl);
  const sent = deps.db.collection<{ _id: string; messageId: string; at: string }>(sentMailCollection);
  return {
    async send(mail) {
      const earlier = await sent.findOne({ _id: mail.key });
      if (earlier) return { messageId: earlier.messageId, delivered: 'smtp' };
      const info = (await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.body,
        ...(mail.attachments === undefined ? {} : { attachments: mail.attachments }),
      })) as {
        messageId: string;
      };
      await sent.updateOne(
        { _id: mail.key },
        { $setOnInsert: { messageId: info.messageId, at: new Date().toISOString() } },
        { upsert: true },
      );
      return { messageId: info.messageId, delivered: 'smtp' };
    },
  };
}
