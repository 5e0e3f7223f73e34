import type { Db } from 'mongodb';
import type { EntityType } from '../../schemas';
import { isDuplicateKeyError } from '../entities/unique-keys';
import type { ChangeKind } from '../events/change-event';

export const dispatchLogCollection = 'triggerDispatches';

/**
 * Why a trigger did not start a run for an event, where a designer would otherwise look in vain:
 * - `skipped`: the condition matched but the loop guard held the run back (`reason`);
 * - `conditionFailed`: the condition raised an error at run time (`message`) and counted as no match.
 * Started runs are Temporal's to list (search attribute `LedgerlineTrigger = "entity"`), and events
 * that simply do not match are not logged.
 */
export type DispatchOutcome = 'skipped' | 'conditionFailed';

/** Why a matching trigger did not start a run. */
export type SkipReason = 'ownWrite' | 'chainDepth';

/** One decision; `_id` is the run id the event would have started (see `triggerRunId`), so it is logged once. */
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
  /** The depth the run would have had in its chain of triggered runs. */
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
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Conditions that failed for a workflow recently: a designer's cue that its trigger needs fixing. */
export interface ConditionFailureSummary {
  /** Failures since `since`. */
  count: number;
  since: string;
  /** True when the condition keeps failing: `flagAfter` failures or more in the window. */
  flagged: boolean;
  last?: Pick<DispatchLogEntry, 'message' | 'at' | 'nodeId' | 'entityType' | 'entityId'>;
}

/**
 * Summarises a workflow's failed conditions since a time, from the dispatch log. A failed
 * condition is recorded once per event and counts as no match: the event is dispatched and never
 * retried, so a broken condition costs one bounded evaluation per event and shows up here.
 */
export async function conditionFailureSummary(
  db: Db,
  workflowId: string,
  since: Date,
  flagAfter = 3,
): Promise<ConditionFailureSummary> {
  const log = db.collection<DispatchLogEntry>(dispatchLogCollection);
  const filter = { workflowId, outcome: 'conditionFailed' as const, at: { $gte: since.toISOString() } };
  const [count, last] = await Promise.all([
    log.countDocuments(filter),
    log.findOne(filter, { sort: { at: -1 } }),
  ]);
  return {
    count,
    since: since.toISOString(),
    flagged: count >= flagAfter,
    ...(last === null
      ? {}
      : {
          last: {
            ...(last.message === undefined ? {} : { message: last.message }),
            at: last.at,
            nodeId: last.nodeId,
            entityType: last.entityType,
            entityId: last.entityId,
          },
        }),
  };
}
