import type { Db } from 'mongodb';
import type { RunStatsReport } from './run-stats-report';
import { summarizeRun, type RunStatsDocument } from './summarize-run';

/** One document per closed run: what process analytics aggregate, instead of replaying histories. */
export const runStatsCollection = 'runStats';

export function runStats(db: Db) {
  return db.collection<RunStatsDocument>(runStatsCollection);
}

/** The index the analytics query runs on: one workflow version's runs closed in a time range. */
export async function ensureRunStatsIndexes(db: Db): Promise<void> {
  await runStats(db).createIndex({ workflowId: 1, version: 1, closedAt: -1 });
}

/**
 * Records a closed run's per-node figures once: an upsert by run id that only inserts, so a
 * retried or repeated write never counts the run twice.
 */
export async function recordRunStats(db: Db, report: RunStatsReport): Promise<void> {
  const { _id, ...fields } = summarizeRun(report);
  await runStats(db).updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
}
