import type { Db } from 'mongodb';
import type { FailedRunReport } from '../../workflows/runtime/error-run';

/** Failed runs as the worker records them: the metrics and the failure digests read them. */
export const runFailuresCollection = 'runFailures';

/** One failed run; `_id` is the run id, so a retried recording writes it once. */
export interface RunFailureDocument {
  _id: string;
  workflowId: string;
  version: number;
  nodeId: string | null;
  message: string;
  code: string;
  failedAt: string;
}

/** Records a failed run once (an upsert by run id); the input stays out, it may be large or personal. */
export async function recordRunFailure(db: Db, report: FailedRunReport, failedAt: string): Promise<void> {
  await db.collection<RunFailureDocument>(runFailuresCollection).updateOne(
    { _id: report.runId },
    {
      $setOnInsert: {
        workflowId: report.workflowId,
        version: report.version,
        nodeId: report.nodeId,
        message: report.error.message,
        code: report.error.code,
        failedAt,
      },
    },
    { upsert: true },
  );
}

/** Failed runs counted by workflow and failing node. */
export async function failureCounts(
  db: Db,
): Promise<Array<{ workflowId: string; nodeId: string | null; count: number }>> {
  const groups = await db
    .collection<RunFailureDocument>(runFailuresCollection)
    .aggregate<{ _id: { workflowId: string; nodeId?: string | null }; count: number }>([
      { $group: { _id: { workflowId: '$workflowId', nodeId: '$nodeId' }, count: { $sum: 1 } } },
    ])
    .toArray();
  return groups.map((group) => ({
    workflowId: group._id.workflowId,
    nodeId: group._id.nodeId ?? null,
    count: group.count,
  }));
}
