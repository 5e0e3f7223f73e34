import type { Db } from 'mongodb';
import type { RunStatus } from '../../schemas/vocabulary';

/** A visibility count of runs: the runs list's own count, grouped by status. */
export type CountRuns = (filter: {
  workflowId?: string;
  startedAfter?: string;
  startedBefore?: string;
}) => Promise<{ total: number; byStatus: Record<RunStatus, number> }>;

/** What a section is computed from: the store, the runs' visibility, the clock and the currency. */
export interface InsightContext {
  db: Db;
  countRuns: CountRuns;
  now: Date;
  /** `now`'s calendar day, `YYYY-MM-DD` (UTC). */
  today: string;
  /** Money figures are in this currency only. */
  currency: string;
}
