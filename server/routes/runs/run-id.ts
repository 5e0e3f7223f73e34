import type { Router } from 'express';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { urlSafeIdCandidates } from '../../../workflows/runtime/url-safe-id';

/**
 * The id a run given as `id` has on Temporal. A child run's id is its node visit's key made
 * URL-safe (`run-5f3e.order.1`); a child started before that has the key itself
 * (`run-5f3e/order/1`). An id with `/` is looked up as it is, then in its URL-safe form, so either
 * form names a run of either age; any other id is taken as it is (a missing run answers 404 later).
 */
export async function resolveRunId(temporal: Client, id: string): Promise<string> {
  const candidates = urlSafeIdCandidates(id);
  if (candidates.length === 1) return id;
  for (const candidate of candidates) {
    try {
      await temporal.workflow.getHandle(candidate).describe();
      return candidate;
    } catch (error: unknown) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return id;
}

/** Makes every `:runId` of `router`'s routes the run's id on Temporal (see {@link resolveRunId}). */
export function resolveRunIdParam(router: Router, temporal: Client): void {
  router.param('runId', (req, _res, next, id: string) => {
    resolveRunId(temporal, id).then((runId) => {
      req.params.runId = runId;
      next();
    }, next);
  });
}
