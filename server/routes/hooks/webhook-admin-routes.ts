import { Router, type Request } from 'express';
import type { Db } from 'mongodb';
import { appendAudit } from '../../../domain/audit/audit-log';
import { hookPath, type WebhookStore } from '../../../domain/webhooks';
import type { WorkflowStore } from '../../../domain/workflows';
import { getActor } from '../../auth/actor';
import { authorize, type WorkflowAction } from '../../auth/permissions';
import { HttpError } from '../../http/http-error';
import { mapped } from '../workflows/workflow-errors-to-http';
import { signatureSettings, webhookTrigger } from './webhook-trigger';

export interface WebhookAdminRoutesDeps {
  db: Db;
  webhooks: WebhookStore;
  workflows: WorkflowStore;
}

function allow(req: Request, action: WorkflowAction) {
  const actor = getActor(req);
  authorize(actor, { resource: 'workflow', action });
  return actor;
}

/** The hook a rotate or revoke found, or 404 naming the node. */
function found<T>(req: Request<{ id: string; nodeId: string }>, hook: T | undefined): T {
  if (hook === undefined) {
    throw new HttpError(
      'not_found',
      `workflow ${req.params.id} has no webhook for node ${req.params.nodeId}`,
      [{ path: 'nodeId', message: 'is not a webhook trigger that was ever published' }],
    );
  }
  return hook;
}

/** The hook's full URL as this request reached the server. */
function hookUrl(req: Request, hookId: string): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${hookPath(hookId)}`;
}

/**
 * The designers' webhook API under `/api`:
 * - `GET /workflows/:id/webhooks` lists the workflow's hooks: URL, whether the published version
 *   serves it, its signature settings and a hint of the token, never a secret;
 * - `POST /workflows/:id/webhooks/:nodeId/rotate` replaces the token and signing secret and
 *   returns them, once; the old token stops working at once;
 * - `POST /workflows/:id/webhooks/:nodeId/revoke` stops the token working until the next rotate.
 */
export function webhookAdminRoutes(deps: WebhookAdminRoutesDeps): Router {
  const router = Router();

  router.get('/workflows/:id/webhooks', async (req, res) => {
    allow(req, 'edit');
    // Reads the workflow too: an unknown or archived one is a 404.
    const published = await mapped(() => deps.workflows.getPublished(req.params.id));
    // A crash between publish and hook creation leaves a live trigger without a hook: make it now.
    if (published) await deps.webhooks.ensureHooks(published.workflowId, published.triggers);
    const items = (await deps.webhooks.list(req.params.id)).map((hook) => {
      const trigger = webhookTrigger(published, hook.nodeId);
      return {
        hookId: hook._id,
        nodeId: hook.nodeId,
        url: hookUrl(req, hook._id),
        live: trigger !== undefined,
        signature: (trigger && signatureSettings(trigger)) ?? null,
        tokenHint: hook.tokenHint,
        createdAt: hook.createdAt,
        rotatedAt: hook.rotatedAt ?? null,
        revokedAt: hook.revokedAt ?? null,
      };
    });
    res.set('Cache-Control', 'no-store').json({ items });
  });

  router.post('/workflows/:id/webhooks/:nodeId/rotate', async (req, res) => {
    const actor = allow(req, 'publish');
    await mapped(() => deps.workflows.get(req.params.id));
    const rotated = found(req, await deps.webhooks.rotate(req.params.id, req.params.nodeId));
    await appendAudit(deps.db, {
      actor: { userId: actor.userId },
      action: 'workflow.webhookRotated',
      resource: 'workflow',
      resourceId: req.params.id,
      // Which hook's secrets changed, never the secrets.
      diff: { webhookSecretsRotated: { to: { nodeId: rotated.nodeId, hookId: rotated.hookId } } },
      at: rotated.rotatedAt,
    });
    res.set('Cache-Control', 'no-store').json({ ...rotated, url: hookUrl(req, rotated.hookId) });
  });

  router.post('/workflows/:id/webhooks/:nodeId/revoke', async (req, res) => {
    const actor = allow(req, 'publish');
    await mapped(() => deps.workflows.get(req.params.id));
    const revoked = found(req, await deps.webhooks.revoke(req.params.id, req.params.nodeId));
    await appendAudit(
      deps.db,
      {
        actor: { userId: actor.userId },
        action: 'workflow.webhookRevoked',
        resource: 'workflow',
        resourceId: req.params.id,
        diff: { webhookRevoked: { to: { nodeId: revoked.nodeId, hookId: revoked.hookId } } },
        at: revoked.revokedAt,
      },
      `workflow.webhookRevoked:${revoked.hookId}:${revoked.revokedAt}`,
    );
    res.json(revoked);
  });

  return router;
}
