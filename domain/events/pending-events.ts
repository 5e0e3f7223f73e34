import type { Db } from 'mongodb';
import type { EntityType } from '../../schemas';
import { toRecord, type EntityRecord } from '../entities/entity-document';
import { readHead } from '../entities/projection';
import {
  ensureVersionLogIndexes,
  readVersion,
  versionLog,
  type VersionDocument,
} from '../entities/version-log';
import type { EntityChangeEvent } from './change-event';

/** An undispatched change event with the record as its version left it. */
export interface PendingEvent {
  type: EntityType;
  entityId: string;
  /** The record as the event's version left it (bookkeeping stripped). */
  record: EntityRecord;
  event: EntityChangeEvent;
}

/** Creates the version log's indexes, among them the dispatcher's (`dispatched`, `seq`). */
export async function ensureOutboxIndexes(db: Db): Promise<void> {
  await ensureVersionLogIndexes(db);
}

/**
 * The version documents whose events were not dispatched yet, oldest commit first, read through the
 * `{dispatched, seq}` index of the version log: the cost follows the backlog, not the store's size.
 */
export async function findPendingVersions(
  db: Db,
  options: { types?: readonly EntityType[]; limit?: number } = {},
): Promise<VersionDocument[]> {
  const filter = {
    dispatched: false,
    ...(options.types === undefined ? {} : { type: { $in: [...options.types] } }),
  };
  return versionLog(db)
    .find(filter)
    .sort({ seq: 1 })
    .limit(options.limit ?? 100)
    .toArray();
}

/**
 * The undispatched versions of one record, oldest first. They are always the newest versions (each
 * record's events are dispatched in order), so they are found by `_id` lookups: from `known` (a
 * version known to be committed, else the head) up to the newest, and down to the first dispatched
 * one. `_id` lookups are the only reads FerretDB v1 hands to its storage, where a query on other
 * fields decodes every document of the log.
 */
export async function findRecordPendingVersions(
  db: Db,
  type: EntityType,
  entityId: string,
  known?: number,
): Promise<VersionDocument[]> {
  const from = known ?? (await readHead(db, type, entityId))?.version;
  if (from === undefined) return [];
  const newer: VersionDocument[] = [];
  for (let version = from + 1; ; version++) {
    const doc = await readVersion(db, type, entityId, version);
    if (doc === null) break;
    newer.push(doc);
  }
  const older: VersionDocument[] = [];
  for (let version = from; version >= 1; version--) {
    const doc = await readVersion(db, type, entityId, version);
    if (doc === null || doc.dispatched) break;
    older.unshift(doc);
  }
  return [...older, ...newer.filter((doc) => !doc.dispatched)];
}

/**
 * Finds undispatched change events, oldest commit first, each with the whole previous version it
 * changed (one lookup of the version before by its key).
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
  const pending: PendingEvent[] = [];
  for (const doc of await findPendingVersions(db, options)) {
    const previous =
      doc.version === 1 ? null : await readVersion(db, doc.type, doc.entityId, doc.version - 1);
    pending.push({
      type: doc.type,
      entityId: doc.entityId,
      record: toRecord(doc.record),
      event: changeEventOf(doc, previous === null ? undefined : toRecord(previous.record)),
    });
  }
  return pending;
}

/**
 * The change event a version document records. `previous` is the record's version before (as the
 * caller read it); a version migrated from the former layout without its predecessor gets `{}`.
 */
export function changeEventOf(
  doc: VersionDocument,
  previous: Record<string, unknown> | undefined,
): EntityChangeEvent {
  return {
    id: doc.eventId,
    seq: doc.version,
    event: doc.kind,
    changes: doc.changes,
    previous: previous ?? {},
    at: doc.at,
    actor: doc.actor,
    ...(doc.runId === undefined ? {} : { runId: doc.runId }),
    dispatched: doc.dispatched,
  };
}

/**
 * Marks one event dispatched: one unconditional `$set` on its version document, so racing markers
 * and repeats agree. Returns false when no version holds the event.
 */
export async function markEventDispatched(
  db: Db,
  type: EntityType,
  entityId: string,
  eventId: string,
): Promise<boolean> {
  const result = await versionLog(db).updateOne({ type, entityId, eventId }, { $set: { dispatched: true } });
  return result.matchedCount > 0;
}

/** Marks versions dispatched by their `_id`s (see {@link markEventDispatched}); returns how many exist. */
export async function markVersionsDispatched(db: Db, versionIds: readonly string[]): Promise<number> {
  let marked = 0;
  for (const _id of versionIds) {
    const result = await versionLog(db).updateOne({ _id }, { $set: { dispatched: true } });
    marked += result.matchedCount;
  }
  return marked;
}
