import { proxyActivities } from '@temporalio/workflow';
import type { SystemActivities } from '../activities/system-activities';

const { recordSelfCheck } = proxyActivities<SystemActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * Proves the wiring end to end: the server starts it on Temporal, a worker runs it, and its
 * activity writes a document to the store and reads it back.
 */
export async function selfCheckWorkflow(input: {
  checkId: string;
}): Promise<{ checkId: string; readBack: boolean }> {
  const stored = await recordSelfCheck(input.checkId);
  return { checkId: input.checkId, readBack: stored.checkId === input.checkId };
}
