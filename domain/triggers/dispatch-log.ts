import type { Db } from 'mongodb';
import type { EntityType } from '../../schemas';
import type { ChangeKind } from '../events/change-event';

export const dispatchLogCollection = 'triggerDispatches';

/**
 * What the dispatcher decided for one event and one trigger node:
 * - `started`: the run `_id` was started (written just before the start, so a run's own writes
 *   always find their chain depth here);
 * - `skipped`: a matching trigger did not start, because of the loop guard (`reason`);
 * - `conditionFailed`: the condition raised an error at run time (`message`) and counted as no match.
 * Events that simply do not match are not logged.
 */
export type DispatchOutcome = 'started' | 'skipped' | 'conditionFailed';

/** Why a matching trigger did not start a run. */
export type SkipReason = 'ownWrite' | 'chainDepth';

/** One decision; `_id` is the run id the event would start (see `triggerRunId`), so it is logged once. */
export interface DispatchLogEntry {
  _id: string;
  outcome: DispatchOutcome;
  reason?: SkipReason;
  message?: string;
  workflowId: string;
  version: number;
  nodeId: string;
  entityType: EntityType;
  entityId: string;
  eventId: string;
  event: ChangeKind;
  /** The depth the run has (or would have had) in its chain of triggered runs. */
  chainDepth: number;
  causedByRunId?: string;
  /** ISO time of the decision. */
  at: string;
}

/** Indexes for reading a workflow's recent decisions and an event's decisions. */
export async function ensureDispatchLogIndexes(db: Db): Promise<void> {
  const log = db.collection<DispatchLogEntry>(dispatchLogCollection);
  await log.createIndex({ workflowId: 1, at: -1 });
  await log.createIndex({ eventId: 1 });
}

/** Records a decision once: a redelivered event's second record of it is ignored. */
export async function recordDispatch(db: Db, entry: DispatchLogEntry): Promise<void> {
  try {
    await db.collection<DispatchLogEntry>(dispatchLogCollection).insertOne(entry);
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
  }
}

/** The dispatch of a started run, by its run id; undefined for runs the dispatcher did not start. */
export async function findStartedDispatch(db: Db, runId: string): Promise<DispatchLogEntry | undefined> {
  const entry = await db
    .collection<DispatchLogEntry>(dispatchLogCollection)
    .findOne({ _id: runId, outcome: 'started' });
  return entry ?? undefined;
}
