import type { Db } from 'mongodb';
import { recordRunFailure } from '../../domain/alerts/run-failures';
import type { FailedRunReport } from '../../workflows/runtime/error-run';

/** What the engine records when a run fails, for `/metrics` and the failure digests. */
export function createRunFailureActivities(deps: { db: Db }) {
  return {
    async 'run.recordFailure'(report: FailedRunReport): Promise<void> {
      await recordRunFailure(deps.db, report, new Date().toISOString());
    },
  };
}
