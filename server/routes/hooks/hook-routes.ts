import express, { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { ServiceError, type Client } from '@temporalio/client';
import { SecretBoxError } from '../../../domain/secrets';
import {
  checkSignature as checkSignatureHeader,
  IdempotencyKeyReusedError,
  signatureFormat,
  signatureToleranceSeconds,
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
import { awaitReply, replySettings, type Reply } from './webhook-reply';

/** How many calls a hook accepts, and how large a body. */
export interface WebhookLimits {
  /** Calls with the hook's token accepted per hook per window; more get 429. */
  perHook: number;
  /** Calls refused for a missing hook or token, per source address per window (default 60); more get 429. */
  failedPerAddress?: number;
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
      { path: header, message: `is required: ${signatureFormat}` },
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
  const check = checkSignatureHeader(secret, body, given, Math.floor(Date.now() / 1000));
  if (check === 'ok') return;
  const reasons = {
    malformed: [`The ${header} signature is not in the form t=…,v1=…`, `must be ${signatureFormat}`],
    stale: [
      `The ${header} signature's timestamp is more than ${signatureToleranceSeconds / 60} minutes from the server's clock`,
      `t must be within ${signatureToleranceSeconds} seconds of now; sign each request when it is sent`,
    ],
    mismatch: [`The ${header} signature does not match the body`, `does not match: ${signatureFormat}`],
  } as const;
  const [message, detail] = reasons[check];
  throw new HttpError('unauthorized', message, [{ path: header, message: detail }]);
}

/**
 * The public webhook endpoint `POST /hooks/:hookId`, mounted at the root (`rootRouters`). In
 * order: the body size limit (413), the hook (404) and its secret token (401), both counted against
 * the source address's budget of refused calls (429), then the hook's own rate limit (429), a
 * published version with the hook's trigger (409), the signature when the trigger
 * asks for one (401), the content type and JSON (400), the trigger's payload schema (400 with the
 * paths), then an idempotent start: 202 `{runId}`, or the answer the trigger's `respond` waits for
 * (see `awaitReply`).
 *
 * @example
 * createApp({ …, rootRouters: [hookRoutes({ temporal, taskQueue, webhooks, workflows, limits, log })] });
 */
export function hookRoutes(deps: HookRoutesDeps): Router {
  const router = Router();
  const windowMs = deps.limits.windowMs ?? 60_000;
  const limited = (limit: number, message: string, keyGenerator: (req: Request) => string) =>
    rateLimit({
      windowMs,
      limit,
      keyGenerator,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new HttpError('rate_limited', message)),
    });
  // Counted only once the caller proved it holds the token, so strangers can't use up its budget.
  const perHook = limited(
    deps.limits.perHook,
    'Too many calls to this webhook; try again later',
    (req) => `hook:${String(req.params.hookId)}`,
  );
  // Calls without the right token, per source address: guessing is slow, and never blocks the owner.
  const failedPerAddress = limited(
    deps.limits.failedPerAddress ?? 60,
    'Too many refused webhook calls from this address; try again later',
    (req) => `address:${ipKeyGenerator(req.ip ?? '')}`,
  );
  const rawBody = express.raw({ type: () => true, limit: deps.limits.maxBodyBytes });

  router.post('/hooks/:hookId', rawBody, async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const { hookId } = req.params;
    const hook = await deps.webhooks.find(hookId);
    const token = presentedToken(req);
    if (!hook || token === undefined || !deps.webhooks.tokenMatches(hook, token)) {
      await applyLimit(failedPerAddress, req, res);
      if (!hook) throw new HttpError('not_found', `No webhook ${hookId}`);
      if (token === undefined) {
        throw new HttpError('unauthorized', 'A webhook token is required', [
          { path: 'X-Ledgerline-Token', message: 'is required (or Authorization: Bearer <token>)' },
        ]);
      }
      throw new HttpError('unauthorized', 'The webhook token is wrong', [
        { path: 'X-Ledgerline-Token', message: "is not this webhook's token" },
      ]);
    }
    await applyLimit(perHook, req, res);
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
      if (error instanceof IdempotencyKeyReusedError) {
        throw new HttpError('conflict', error.message, [
          { path: 'Idempotency-Key', message: `was used with another payload, for run ${error.runId}` },
        ]);
      }
      if (!(error instanceof ServiceError)) throw error;
      deps.log.warn({ err: error, hookId: hook._id }, 'webhook run could not be started');
      throw new HttpError('unavailable', 'The workflow engine is not reachable; retry later');
    }
    res.location(`/api/runs/${started.runId}`);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const reply = await awaitReply(deps.temporal, started.runId, replySettings(trigger), gone.signal).catch(
      (error: unknown): Reply => {
        // The run started; an answer that can't be read is still a 202 with its id.
        deps.log.warn({ err: error, runId: started.runId }, 'webhook reply could not be read');
        return { kind: 'pending' };
      },
    );
    const { runId } = started;
    if (reply.kind === 'pending') res.status(202).json({ runId });
    else if (reply.kind === 'node')
      res
        .status(200)
        .json({ runId, status: 'running', node: reply.nodeId, port: reply.port, output: reply.output });
    else if (reply.kind === 'completed')
      res.status(200).json({ runId, status: 'completed', output: reply.output });
    else res.status(200).json({ runId, status: 'failed', error: reply.error });
  });

  return router;
}

/** Runs a rate limiter inside a handler: resolves when the call is within its budget, else throws its 429. */
function applyLimit(limiter: RateLimitRequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void limiter(req, res, (error?: unknown) =>
      error === undefined
        ? resolve()
        : reject(error instanceof Error ? error : new Error('rate limiter failed')),
    );
  });
}
