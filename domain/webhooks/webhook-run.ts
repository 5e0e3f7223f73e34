import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
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

/**
 * Starts a webhook's run. With an idempotency key the run id is derived from it and Temporal
 * refuses a second start with that id even after the first run closed, so any number of repeats,
 * concurrent or later, answer with the one run's id.
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
  try {
    await startRun(temporal, { ...start, triggerKind: 'webhook', runId, startOnce: true });
    return { runId, started: true };
  } catch (error: unknown) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { runId, started: false };
    throw error;
  }
}
