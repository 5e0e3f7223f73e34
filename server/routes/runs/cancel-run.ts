import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Db } from 'mongodb';
import { tasksCollection, type TaskDocument } from '../../../domain/tasks';
import { HttpError } from '../../http/http-error';
import { runStatusOf } from './run-status';
import { describeRun } from './run-view';

/** How a cancel was carried out. */
export type CancelMode = 'cancelling' | 'terminated';

/**
 * Cancels a running run. A run whose workflow task keeps failing (a crash loop, a deploy with the
 * wrong code) can never process a cancel request, so it is terminated instead, and its open tasks
 * are closed here, since its own compensation cannot run. Anything else gets Temporal's cancel,
 * which runs the interpreter's compensation and closes its tasks.
 */
export async function cancelRun(
  deps: { temporal: Client; db: Db },
  runId: string,
  requestedBy: string,
): Promise<CancelMode> {
  const { handle, description } = await describeRun(deps.temporal, runId);
  const status = runStatusOf(description.status.name);
  if (status !== 'running') throw new HttpError('conflict', `run ${runId} is already ${status}`);
  const stuck = (description.raw.pendingWorkflowTask?.attempt ?? 0) > 1;
  try {
    if (stuck) {
      await handle.terminate(`cancelled by ${requestedBy}: its workflow task keeps failing`);
    } else {
      await handle.cancel();
    }
  } catch (error: unknown) {
    // It closed between the describe and the cancel.
    if (error instanceof WorkflowNotFoundError) throw new HttpError('conflict', `run ${runId} has ended`);
    throw error;
  }
  if (!stuck) return 'cancelling';
  await deps.db
    .collection<TaskDocument>(tasksCollection)
    .updateMany(
      { runId, status: 'open' },
      { $set: { status: 'cancelled', closedReason: 'terminated', closedAt: new Date().toISOString() } },
    );
  return 'terminated';
}
