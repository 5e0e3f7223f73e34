import type { Db } from 'mongodb';
import type { EntityType } from '../../schemas';

interface TransitionClaim {
  _id: string;
  at: Date;
}

export const transitionClaimsCollection = 'entityTransitions';

/** How long a claim blocks others before it counts as abandoned by a crashed writer. */
export const claimLeaseMs = 30_000;

/**
 * Claims the right to move a record out of the state it was read in (`version`, `_outboxRev`), by
 * inserting a document whose `_id` names that state. Exactly one writer can insert it, so exactly one
 * writer moves the record on from any state, whatever the store.
 *
 * Why not a conditional update alone: FerretDB v1 evaluates the filter of `updateOne`,
 * `findOneAndUpdate` and `$inc` apart from the write, so racing conditional updates can all match
 * (measured: 14 of 30 concurrent `findOneAndUpdate` on one version succeeded). Unique inserts are
 * enforced by its storage, so they are the one primitive both stores make atomic.
 *
 * A writer that crashes between claim and write leaves the claim behind; once it is older than
 * {@link claimLeaseMs} and the record is still in that state, the next writer claims a new
 * generation of it. Returns the claim's key, or `undefined` when another writer holds the state.
 */
export async function claimTransition(
  db: Db,
  type: EntityType,
  state: { _id: string; version: number; _outboxRev?: number },
  readState: () => Promise<{ version: number; _outboxRev?: number } | null>,
  now: () => Date = () => new Date(),
): Promise<string | undefined> {
  const claims = db.collection<TransitionClaim>(transitionClaimsCollection);
  const base = `${type}/${state._id}@${state.version}.${state._outboxRev ?? 0}`;
  for (let generation = 1; generation <= 20; generation++) {
    const key = generation === 1 ? base : `${base}#${generation}`;
    try {
      await claims.insertOne({ _id: key, at: now() });
      return key;
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code !== 11000) throw error;
    }
    const existing = await claims.findOne({ _id: key });
    if (existing !== null && now().getTime() - existing.at.getTime() < claimLeaseMs) return undefined;
    const current = await readState();
    if (
      current === null ||
      current.version !== state.version ||
      (current._outboxRev ?? 0) !== (state._outboxRev ?? 0)
    ) {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Gives a claim back when the write it guarded failed before changing the record (a unique key taken),
 * so the next writer need not wait for the lease.
 */
export async function releaseTransition(db: Db, key: string): Promise<void> {
  await db.collection<TransitionClaim>(transitionClaimsCollection).deleteOne({ _id: key });
}

/** The index {@link pruneTransitionClaims} deletes by. */
export async function ensureTransitionClaimIndexes(db: Db): Promise<void> {
  await db.collection<TransitionClaim>(transitionClaimsCollection).createIndex({ at: 1 });
}

/**
 * Deletes claims older than `olderThanMs` (default one hour). A claim only matters while some writer may
 * still hold a read of the state it names; long after, the record has moved on and a stale write fails
 * its version match anyway. The API server runs it periodically.
 */
export async function pruneTransitionClaims(
  db: Db,
  now: Date = new Date(),
  olderThanMs = 3_600_000,
): Promise<number> {
  const result = await db
    .collection<TransitionClaim>(transitionClaimsCollection)
    .deleteMany({ at: { $lt: new Date(now.getTime() - olderThanMs) } });
  return result.deletedCount;
}
