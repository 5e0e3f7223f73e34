import type { Db } from 'mongodb';
import { recordRunStats, type RunStatsReport } from '../../domain/process-analytics';

/** What the engine records when a run closes, for process analytics. */
export function createRunStatsActivities(deps: { db: Db }) {
  return {
    async 'run.recordStats'(report: RunStatsReport): Promise<void> {
      await recordRunStats(deps.db, report);
    },
  };
}
