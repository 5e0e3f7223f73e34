import type { Db } from 'mongodb';
import { entityTypes, type EntityType } from '../../schemas';
import { backoff } from '../entities/commit-version';
import { entityCollection, type StoredEntity } from '../entities/entity-document';
import { claimTransition } from '../entities/write-gate';
import type { EntityChangeEvent } from './change-event';

/** An undispatched change event with the record it belongs to. */
export interface PendingEvent {
  type: EntityType;
  entityId: string;
  /** The record after the write that recorded the newest event (bookkeeping stripped). */
  record: Record<string, unknown>;
  event: EntityChangeEvent;
}

/**
 * Creates the index the dispatcher's scan uses (`_events.dispatched` on every entity collection).
 * The repository creates it too; calling it again is harmless.
 */
export async function ensureOutboxIndexes(db: Db): Promise<void> {
  await Promise.all(
    // The same name the repository gives it, or the store refuses the second definition.
    entityTypes.map((type) =>
      entityCollection(db, type).createIndex({ '_events.dispatched': 1 }, { name: 'outbox_dispatched' }),
    ),
  );
}

/**
 * Finds undispatched change events across all entity collections, oldest first per record. The query
 * is `{'_events.dispatched': false}` on each collection (FerretDB v1 has no `$elemMatch` on arrays of
 * subdocuments that works here, and no change streams).
 *
 * @example
 * for (const pending of await findPendingEvents(db, { limit: 100 })) {
 *   await startRunsFor(pending); // workflow id derived from pending.event.id
 *   await markEventDispatched(db, pending.type, pending.entityId, pending.event.id);
 * }
 */
export async function findPendingEvents(
  db: Db,
  options: { types?: readonly EntityType[]; limit?: number } = {},
): Promise<PendingEvent[]> {
  const limit = options.limit ?? 100;
  const pending: PendingEvent[] = [];
  for (const type of options.types ?? entityTypes) {
    if (pending.length >= limit) break;
    const docs = await entityCollection(db, type)
      .find({ '_events.dispatched': false })
      .limit(limit - pending.length)
      .toArray();
    for (const doc of docs) {
      const { _events, _outboxRev, _idem, _applied, ...record } = doc;
      void _outboxRev;
      void _idem;
      void _applied;
      for (const event of [...(_events ?? [])].sort((a, b) => a.seq - b.seq)) {
        if (!event.dispatched) pending.push({ type, entityId: doc._id, record, event });
      }
    }
  }
  return pending;
}

/**
 * Marks one event dispatched. FerretDB v1 has no positional `$` update, so the outbox is rewritten:
 * the marker claims the record's state like any writer (see `claimTransition`) and bumps `_outboxRev`
 * rather than `version`, so clients' `If-Match` stays valid; it retries on a concurrent write. Returns false when the
 * record or event no longer exists. Safe to repeat.
 */
export async function markEventDispatched(
  db: Db,
  type: EntityType,
  entityId: string,
  eventId: string,
): Promise<boolean> {
  return (await markEventsDispatched(db, type, entityId, [eventId])) > 0;
}

/**
 * Marks several events of one record dispatched in one outbox rewrite (see {@link markEventDispatched}).
 * Returns how many of them the outbox holds, now all marked; ids it no longer holds are ignored.
 * `current` is the document as the caller last read it, which saves the first read; a stale one
 * only costs a retry.
 */
export async function markEventsDispatched(
  db: Db,
  type: EntityType,
  entityId: string,
  eventIds: readonly string[],
  current?: StoredEntity,
): Promise<number> {
  const collection = entityCollection(db, type);
  const wanted = new Set(eventIds);
  for (let attempt = 0; attempt < 50; attempt++) {
    const doc =
      attempt === 0 && current !== undefined ? current : await collection.findOne({ _id: entityId });
    const events = doc?._events ?? [];
    const held = events.filter((e) => wanted.has(e.id));
    if (doc === null || held.length === 0) return 0;
    if (held.every((e) => e.dispatched)) return held.length;
    const updated = events.map((e) => (wanted.has(e.id) ? { ...e, dispatched: true } : e));
    const rev = doc._outboxRev ?? 0;
    const claimed = await claimTransition(db, type, doc, () =>
      collection.findOne({ _id: entityId }, { projection: { version: 1, _outboxRev: 1 } }),
    );
    if (claimed === undefined) {
      await backoff(attempt);
      continue;
    }
    const result = await collection.updateOne(
      { _id: entityId, version: doc.version, _outboxRev: rev },
      { $set: { _events: updated, _outboxRev: rev + 1 } },
    );
    if (result.matchedCount === 1) return held.length;
  }
  throw new Error(
    `could not mark events ${eventIds.join(', ')} of ${type} ${entityId} dispatched: too much contention`,
  );
}
