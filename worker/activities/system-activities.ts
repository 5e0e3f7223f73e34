import type { Db } from 'mongodb';
import { Context } from '@temporalio/activity';

/** Activities that keep the platform itself honest. */
export function createSystemActivities(deps: { db: Db }) {
  return {
    /** Upserts a self-check document keyed by its id (idempotent under retries) and reads it back. */
    async recordSelfCheck(checkId: string): Promise<{ checkId: string; workflowId: string }> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? 'standalone';
      const checks = deps.db.collection<{ _id: string; workflowId: string; at: Date }>('selfChecks');
      await checks.updateOne({ _id: checkId }, { $set: { workflowId, at: new Date() } }, { upsert: true });
      const stored = await checks.findOne({ _id: checkId });
      if (!stored) throw new Error(`self-check ${checkId} was written but cannot be read back`);
      return { checkId: stored._id, workflowId: stored.workflowId };
    },
  };
}

export type SystemActivities = ReturnType<typeof createSystemActivities>;
