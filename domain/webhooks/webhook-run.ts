import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { canonicalJson } from '../events/change-event';
import { startRun, type StartRunRequest } from '../workflows';

/**
 * The runId of the run an `Idempotency-Key` stands for: derived from the hook and a hash of the
 * key, so the same key on the same hook always names the same Temporal workflow execution.
 *
 * @example
 * webhookRunId('hk_abc', 'order-42'); // 'hook-hk_abc-<40 hex digits>'
 */
export function webhookRunId(hookId: string, idempotencyKey: string): string {
  return `hook-${hookId}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/** An `Idempotency-Key` repeated with another payload than its first call's (HTTP 409). */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
  constructor(readonly runId: string) {
    super(
      `This Idempotency-Key was used with another payload, for run ${runId}; use a new key for a new payload`,
    );
  }
}

/** Where a keyed run keeps the hash of the payload it started with. */
const payloadHashMemo = 'payloadSha256';

/**
 * Starts a webhook's run. With an idempotency key the run id is derived from it and Temporal
 * refuses a second start with that id even after the first run closed, so any number of repeats,
 * concurrent or later, answer with the one run's id. The run keeps a hash of its payload (keys in
 * any order), and a repeat whose payload differs is refused with {@link IdempotencyKeyReusedError}.
 */
export async function startWebhookRun(
  temporal: Client,
  request: Omit<StartRunRequest, 'runId' | 'startOnce' | 'triggerKind'> & {
    hookId: string;
    idempotencyKey: string | undefined;
  },
): Promise<{ runId: string; started: boolean }> {
  const { hookId, idempotencyKey, ...start } = request;
  if (idempotencyKey === undefined) {
    return { runId: await startRun(temporal, { ...start, triggerKind: 'webhook' }), started: true };
  }
  const runId = webhookRunId(hookId, idempotencyKey);
  const payloadHash = createHash('sha256').update(canonicalJson(start.input)).digest('hex');
  try {
    await startRun(temporal, {
      ...start,
      triggerKind: 'webhook',
      runId,
      startOnce: true,
      memo: { ...start.memo, [payloadHashMemo]: payloadHash },
    });
    return { runId, started: true };
  } catch (error: unknown) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const { memo } = await temporal.workflow.getHandle(runId).describe();
    const first = memo?.[payloadHashMemo];
    // Runs started before payloads were hashed have none to compare.
    if (typeof first === 'string' && first !== payloadHash) throw new IdempotencyKeyReusedError(runId);
    return { runId, started: false };
  }
}
