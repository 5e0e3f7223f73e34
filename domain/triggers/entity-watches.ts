import type { Db } from 'mongodb';

export const entityWatchesCollection = 'entityWatches';

/**
 * A run waiting in `flow.waitFor` for a record to change. The run registers it before it reads the
 * record, and the dispatcher reads the watches of a record after that record's write committed, so
 * every write the run's read missed is signalled to it (`entityChanged`).
 */
export interface EntityWatchDocument {
  /** The waiting node visit's idempotency key, `<runId>/<nodeId>/<visit>`: a retried registration is one. */
  _id: string;
  runId: string;
  entityType: string;
  entityId: string;
  createdAt: Date;
}

export async function ensureWatchIndexes(db: Db): Promise<void> {
  await db
    .collection<EntityWatchDocument>(entityWatchesCollection)
    .createIndex({ entityType: 1, entityId: 1 });
}

/** Registers a watch; registering the same watch again is harmless. */
export async function registerWatch(db: Db, watch: EntityWatchDocument): Promise<void> {
  await db
    .collection<EntityWatchDocument>(entityWatchesCollection)
    .replaceOne({ _id: watch._id }, watch, { upsert: true });
}

/** Removes a watch once its wait is over (matched, timed out or cancelled). */
export async function removeWatch(db: Db, watchId: string): Promise<void> {
  await db.collection<EntityWatchDocument>(entityWatchesCollection).deleteOne({ _id: watchId });
}

/** The runs waiting on one record; `limit` bounds a read for people (the dispatcher reads them all). */
export function findWatches(
  db: Db,
  entityType: string,
  entityId: string,
  options: { limit?: number } = {},
): Promise<EntityWatchDocument[]> {
  const found = db.collection<EntityWatchDocument>(entityWatchesCollection).find({ entityType, entityId });
  return (options.limit === undefined ? found : found.limit(options.limit)).toArray();
}

/** Removes every watch of a run that has closed (a signal to it found no run). */
export async function removeRunWatches(db: Db, runId: string): Promise<void> {
  await db.collection<EntityWatchDocument>(entityWatchesCollection).deleteMany({ runId });
}
