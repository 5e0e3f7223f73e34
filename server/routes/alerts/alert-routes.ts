import { Router, type Request } from 'express';
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import { appendAudit } from '../../../domain/audit/audit-log';
import {
  AlertSubscriptionInputError,
  digestScheduleId,
  type AlertSubscription,
  type AlertSubscriptionStore,
} from '../../../domain/alerts';
import { getActor } from '../../auth/actor';
import { authorize } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';

export interface AlertRoutesDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  subscriptions: AlertSubscriptionStore;
}

/** The workflow type of a digest tick (worker/workflows/alert-digest.ts). */
const digestWorkflowType = 'alertDigestWorkflow';

function allow(req: Request) {
  const actor = getActor(req);
  authorize(actor, { resource: 'admin', action: 'manageAlerts' });
  return actor;
}

/** The Temporal Schedule of a subscription: a digest every interval, never two at once. */
async function createDigestSchedule(deps: AlertRoutesDeps, subscription: AlertSubscription): Promise<void> {
  const scheduleId = digestScheduleId(subscription._id);
  await deps.temporal.schedule.create({
    scheduleId,
    spec: { intervals: [{ every: `${subscription.intervalMinutes} minutes` }] },
    action: {
      type: 'startWorkflow',
      workflowType: digestWorkflowType,
      workflowId: scheduleId,
      taskQueue: deps.taskQueue,
      args: [{ subscriptionId: subscription._id }],
    },
    policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
  });
}

/**
 * Alert subscriptions under `/api/alerts/subscriptions` (admins): a role gets one digest mail per
 * interval of the run failures and overdue tasks, sent by a Temporal Schedule per subscription.
 * - `GET` lists; `POST {role, events, intervalMinutes}` subscribes (201); `DELETE /:id` ends it.
 */
export function alertRoutes(deps: AlertRoutesDeps): Router {
  const router = Router();

  router.get('/alerts/subscriptions', async (req, res) => {
    allow(req);
    res.json({ items: await deps.subscriptions.list() });
  });

  router.post('/alerts/subscriptions', async (req, res) => {
    const actor = allow(req);
    let subscription: AlertSubscription;
    try {
      subscription = await deps.subscriptions.create(req.body, actor);
    } catch (error: unknown) {
      if (error instanceof AlertSubscriptionInputError)
        throw new HttpError('validation_failed', error.message, error.problems);
      throw error;
    }
    try {
      await createDigestSchedule(deps, subscription);
    } catch (error: unknown) {
      // No schedule, no subscription: the admin sees the failure and may try again.
      await deps.subscriptions.remove(subscription._id);
      throw error;
    }
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action: 'alert.subscribed',
      resource: 'alertSubscription',
      resourceId: subscription._id,
      diff: { role: { to: subscription.role }, events: { to: subscription.events } },
      at: subscription.createdAt,
    });
    res.status(201).json(subscription);
  });

  router.delete('/alerts/subscriptions/:id', async (req, res) => {
    const actor = allow(req);
    const subscription = await deps.subscriptions.get(req.params.id);
    if (!subscription) throw new HttpError('not_found', `alert subscription ${req.params.id} does not exist`);
    try {
      await deps.temporal.schedule.getHandle(digestScheduleId(subscription._id)).delete();
    } catch (error: unknown) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
    await deps.subscriptions.remove(subscription._id);
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action: 'alert.unsubscribed',
      resource: 'alertSubscription',
      resourceId: subscription._id,
      diff: { role: { from: subscription.role } },
      at: new Date().toISOString(),
    });
    res.status(204).end();
  });

  return router;
}
