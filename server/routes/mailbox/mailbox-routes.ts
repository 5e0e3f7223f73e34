import { Router } from 'express';
import type { Db } from 'mongodb';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';

/** Where `notify.email` keeps mail when no SMTP server is configured (the worker writes it). */
const mailboxCollection = 'mailbox';
const maxLimit = 200;

interface MailboxMessage {
  _id: string;
  to: string[];
  subject: string;
  body: string;
  createdAt: string;
}

/**
 * `GET /mailbox?to=&limit=`: the development mail catcher, newest first, for admins. In
 * production `SMTP_URL` is set and mail leaves through SMTP instead.
 */
export function mailboxRoutes(deps: { db: Db }): Router {
  const router = Router();
  router.get('/mailbox', async (req, res) => {
    authorize(getActor(req), { resource: 'admin', action: 'readAudit' });
    const { to, limit } = req.query;
    for (const [name, value] of Object.entries(req.query)) {
      if (!['to', 'limit'].includes(name))
        throw new HttpError('bad_request', `Unknown query parameter ${name}`, [
          { path: name, message: 'is not a known parameter' },
        ]);
      if (typeof value !== 'string')
        throw new HttpError('bad_request', `${name} must be a single value`, [
          { path: name, message: 'must be a single value' },
        ]);
    }
    const count = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > maxLimit) {
      throw new HttpError('bad_request', `limit must be an integer from 1 to ${maxLimit}`, [
        { path: 'limit', message: `must be an integer from 1 to ${maxLimit}` },
      ]);
    }
    const filter = typeof to === 'string' ? { to } : {};
    const items = await deps.db
      .collection<MailboxMessage>(mailboxCollection)
      .find(filter)
      .sort({ createdAt: -1 })
      .limit(count)
      .toArray();
    res.json({ items: items.map(({ _id, ...message }) => ({ id: _id, ...message })) });
  });
  return router;
}
