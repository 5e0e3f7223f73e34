import express, { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ServiceError, type Client } from '@temporalio/client';
import { SecretBoxError } from '../../../domain/secrets';
import {
  signatureMatches,
  startWebhookRun,
  type WebhookRecord,
  type WebhookStore,
} from '../../../domain/webhooks';
import {
  validateAgainstSchema,
  WorkflowNotFoundError,
  type PublishedTrigger,
  type WorkflowStore,
  type WorkflowVersionDocument,
} from '../../../domain/workflows';
import type { Logger } from '../../../platform/logger';
import { HttpError } from '../../http/http-error';
import { forwardedHeaders, idempotencyKey, parsePayload, presentedToken } from './webhook-request';
import { signatureSettings, webhookTrigger } from './webhook-trigger';

/** How many calls a hook accepts, and how large a body. */
export interface WebhookLimits {
  /** Calls accepted per hook per window; more get 429. */
  perHook: number;
  /** Default one minute. */
  windowMs?: number;
  maxBodyBytes: number;
}

export interface HookRoutesDeps {
  temporal: Client;
  taskQueue: string;
  webhooks: WebhookStore;
  workflows: WorkflowStore;
  limits: WebhookLimits;
  log: Logger;
}

/** The published version that serves `hook` and its webhook trigger, or the HTTP reason there is none. */
async function servingTrigger(
  workflows: WorkflowStore,
  hook: WebhookRecord,
): Promise<{ version: WorkflowVersionDocument; trigger: PublishedTrigger }> {
  let version: WorkflowVersionDocument | undefined;
  try {
    version = await workflows.getPublished(hook.workflowId);
  } catch (error: unknown) {
    // An archived workflow is gone, and its hooks with it.
    if (error instanceof WorkflowNotFoundError) throw new HttpError('not_found', `No webhook ${hook._id}`);
    throw error;
  }
  const trigger = webhookTrigger(version, hook.nodeId);
  if (!version || !trigger) {
    throw new HttpError(
      'conflict',
      `Webhook ${hook._id} is not live: its workflow is not published with webhook trigger ${hook.nodeId}`,
    );
  }
  return { version, trigger };
}

function checkSignature(
  req: Request,
  body: Buffer,
  hook: WebhookRecord,
  trigger: PublishedTrigger,
  webhooks: WebhookStore,
) {
  const settings = signatureSettings(trigger);
  if (settings === undefined) return;
  const { header } = settings;
  const given = req.get(header);
  if (given === undefined) {
    if (!settings.required) return;
    throw new HttpError('unauthorized', `The ${header} signature header is required`, [
      { path: header, message: 'is required: sha256=<hex HMAC-SHA256 of the body>' },
    ]);
  }
  let secret: string;
  try {
    secret = webhooks.signingSecretOf(hook);
  } catch (error: unknown) {
    if (!(error instanceof SecretBoxError)) throw error;
    // The server's secrets key changed: not the caller's fault, and rotating the secrets mends it.
    throw new HttpError(
      'unavailable',
      `The signing secret of webhook ${hook._id} cannot be read with this server's secrets key; rotate its secrets`,
    );
  }
  if (!signatureMatches(secret, body, given)) {
    throw new HttpError('unauthorized', `The ${header} signature does not match the body`, [
      {
        path: header,
        message: 'does not match: sha256=<hex HMAC-SHA256 of the raw body with the signing secret>',
      },
    ]);
  }
}

/**
 * The public webhook endpoint `POST /hooks/:hookId`, mounted at the root (`rootRouters`). In
 * order: the per-hook rate limit (429), the body size limit (413), the hook (404), its secret
 * token (401), a published version with the hook's trigger (409), the signature when the trigger
 * asks for one (401), the content type and JSON (400), the trigger's payload schema (400 with the
 * paths), then an idempotent start: 202 `{runId}`.
 *
 * @example
 * createApp({ …, rootRouters: [hookRoutes({ temporal, taskQueue, webhooks, workflows, limits, log })] });
 */
export function hookRoutes(deps: HookRoutesDeps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: deps.limits.windowMs ?? 60_000,
    limit: deps.limits.perHook,
    keyGenerator: (req) => `hook:${String(req.params.hookId)}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(new HttpError('rate_limited', 'Too many calls to this webhook; try again later'));
    },
  });
  const rawBody = express.raw({ type: () => true, limit: deps.limits.maxBodyBytes });

  router.post('/hooks/:hookId', limiter, rawBody, async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const { hookId } = req.params as { hookId: string };
    const hook = await deps.webhooks.find(hookId);
    if (!hook) throw new HttpError('not_found', `No webhook ${hookId}`);
    const token = presentedToken(req);
    if (token === undefined) {
      throw new HttpError('unauthorized', 'A webhook token is required', [
        { path: 'X-Ledgerline-Token', message: 'is required (or Authorization: Bearer <token>)' },
      ]);
    }
    if (!deps.webhooks.tokenMatches(hook, token)) {
      throw new HttpError('unauthorized', 'The webhook token is wrong', [
        { path: 'X-Ledgerline-Token', message: "is not this webhook's token" },
      ]);
    }
    const { version, trigger } = await servingTrigger(deps.workflows, hook);
    checkSignature(req, body, hook, trigger, deps.webhooks);
    const key = idempotencyKey(req);
    const payload = parsePayload(req, body);
    const schema = trigger.params.payloadSchema;
    if (typeof schema === 'object' && schema !== null) {
      const issues = validateAgainstSchema(schema, payload, 'payload');
      if (issues.length > 0)
        throw new HttpError(
          'validation_failed',
          "The payload does not match the webhook's payload schema",
          issues,
        );
    }
    let started: { runId: string; started: boolean };
    try {
      started = await startWebhookRun(deps.temporal, {
        version,
        startNodeId: trigger.nodeId,
        trigger: {
          event: 'webhook',
          hookId: hook._id,
          payload,
          headers: forwardedHeaders(req),
          idempotencyKey: key ?? null,
          receivedAt: new Date().toISOString(),
        },
        input: payload,
        taskQueue: deps.taskQueue,
        hookId: hook._id,
        idempotencyKey: key,
      });
    } catch (error: unknown) {
      if (!(error instanceof ServiceError)) throw error;
      deps.log.warn({ err: error, hookId: hook._id }, 'webhook run could not be started');
      throw new HttpError('unavailable', 'The workflow engine is not reachable; retry later');
    }
    res.status(202).location(`/api/runs/${started.runId}`).json({ runId: started.runId });
  });

  return router;
}
