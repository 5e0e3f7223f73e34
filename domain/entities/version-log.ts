import type { Collection, Db } from 'mongodb';
import type { EntityType } from '../../schemas';
import type { ChangeKind, FieldChange } from '../events/change-event';
import { isTransientStoreError, jitteredDelay } from './store-retry';
import type { StoredEntity } from './entity-document';

/**
 * One committed version of one record: the only document an entity write inserts. It is immutable
 * but for `dispatched`, which the trigger dispatcher sets once the version's event was handed on.
 *
 * - `_id` is `<type>/<id>@<version>`: the store's unique `_id` lets exactly one writer commit each
 *   version, with no lease and no takeover, on FerretDB v1 and MongoDB alike.
 * - `claim` is unique too: the document number on the first version of a numbered type, so the
 *   number is taken by the same insert that creates the record; `_id` on every other version.
 * - `record`, `changes`, `eventId`: the record as this version left it, exactly what changed, and
 *   the id the triggered runs' ids derive from. Together they are the change event and the audit
 *   entry, which therefore exist exactly when the version does.
 */
export interface VersionDocument {
  _id: string;
  type: EntityType;
  entityId: string;
  version: number;
  kind: ChangeKind;
  record: StoredEntity;
  changes: Record<string, FieldChange>;
  eventId: string;
  /** ISO date-time of the write; also the audit trail's time. */
  at: string;
  actor: { userId: string };
  runId?: string;
  /** The write's idempotency key (`<workflowId>/<nodeId>/<visit>` for workflow writes). */
  idem?: string;
  claim: string;
  /** False until the dispatcher handed the event on; indexed with `seq` for its scan. */
  dispatched: boolean;
  /** The dispatch order: the commit time in epoch milliseconds. */
  seq: number;
}

export const versionLogCollection = 'entityVersions';

export function versionLog(db: Db): Collection<VersionDocument> {
  return db.collection<VersionDocument>(versionLogCollection);
}

/** The `_id` of a record's version document. */
export function versionKey(type: EntityType, entityId: string, version: number): string {
  return `${type}/${entityId}@${version}`;
}

const indexesReady = new WeakMap<Db, Promise<void>>();

/**
 * The version log's indexes: the unique claim; the dispatcher's scan (`dispatched`, `seq`); a record's
 * versions in order; and the audit queries by actor, by time and by run. Created once per Db handle.
 */
export function ensureVersionLogIndexes(db: Db): Promise<void> {
  let ready = indexesReady.get(db);
  if (ready === undefined) {
    const log = versionLog(db);
    ready = (async () => {
      await log.createIndex({ claim: 1 }, { unique: true, name: 'unique_claim' });
      await log.createIndex({ dispatched: 1, seq: 1 }, { name: 'pending' });
      await log.createIndex({ type: 1, entityId: 1, version: 1 }, { name: 'record_versions' });
      await log.createIndex({ 'actor.userId': 1, at: -1 }, { name: 'audit_actor' });
      await log.createIndex({ at: -1 }, { name: 'audit_time' });
      await log.createIndex({ runId: 1 }, { name: 'audit_run' });
    })();
    indexesReady.set(db, ready);
    ready.catch(() => indexesReady.delete(db));
  }
  return ready;
}

/** What inserting a version document came to. */
export type InsertOutcome =
  | { status: 'inserted' }
  /** Another writer committed this version first; `existing` is its document. */
  | { status: 'versionTaken'; existing: VersionDocument }
  /** The version is free but its `claim` (a document number) is held by another record. */
  | { status: 'claimTaken' };

/**
 * Inserts a version document: the commit. Transient store errors are retried with the same document
 * until `deadline`; when an earlier attempt did land, the retry meets its own event id and counts as
 * inserted.
 */
export async function insertVersion(
  db: Db,
  doc: VersionDocument,
  deadline = Date.now() + 10_000,
): Promise<InsertOutcome> {
  const log = versionLog(db);
  for (let attempt = 0; ; attempt++) {
    try {
      await log.insertOne(doc);
      return { status: 'inserted' };
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code === 11000) {
        const existing = await log.findOne({ _id: doc._id });
        if (existing === null) return { status: 'claimTaken' };
        return existing.eventId === doc.eventId
          ? { status: 'inserted' }
          : { status: 'versionTaken', existing };
      }
      const wait = jitteredDelay(attempt);
      if (!isTransientStoreError(error) || Date.now() + wait >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** One version document, or null. */
export function readVersion(
  db: Db,
  type: EntityType,
  entityId: string,
  version: number,
): Promise<VersionDocument | null> {
  return versionLog(db).findOne({ _id: versionKey(type, entityId, version) });
}
