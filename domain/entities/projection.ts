import type { Collection, Db } from 'mongodb';
import type { EntityType } from '../../schemas';
import { entityCollection, type StoredEntity } from './entity-document';
import { duplicateKeysOf } from './possible-duplicates';
import { readVersion } from './version-log';

/**
 * Reads a record's current version, confirmed against the version log: the projection says which
 * version it holds, and a lookup of the next version by its unique key says whether a later one was
 * committed since (a writer that crashed before projecting, or a projection overtaken by a slower
 * one). Later versions are walked and projected. Returns undefined when the record was never created.
 *
 * The confirmation costs one `_id` lookup. It is what makes the projection safe on FerretDB v1, whose
 * conditional replaces are not atomic: a projection may briefly hold an older version, but no read of
 * a single record, and so no write based on one, ever sees it.
 */
export async function readHead(db: Db, type: EntityType, id: string): Promise<StoredEntity | undefined> {
  const projected = await entityCollection(db, type).findOne({ _id: id });
  let head: StoredEntity | undefined = projected ?? undefined;
  let moved = false;
  for (;;) {
    const next = await readVersion(db, type, id, (head?.version ?? 0) + 1);
    if (next === null) break;
    head = next.record;
    moved = true;
  }
  if (moved && head !== undefined) await projectRecord(db, type, head);
  return head;
}

/**
 * Brings the current-state projection of a record forward to `record` (a committed version) or later:
 * never back. The replace matches only an older version; on FerretDB v1 that match is not atomic, so
 * a slow projector can still overwrite a newer one. Each projector therefore looks up the next
 * version after its write and projects it too: whichever replace lands last, its author sees every
 * version committed before it, so the projection ends at the head.
 */
export async function projectRecord(db: Db, type: EntityType, record: StoredEntity): Promise<void> {
  const collection = entityCollection(db, type);
  let current: StoredEntity | undefined = record;
  while (current !== undefined) {
    const doc: StoredEntity = { ...current, ...duplicateKeysOf(type, current) };
    // A first version is usually new to the projection; a later one usually replaces its predecessor.
    if (doc.version > 1 || !(await insertIfAbsent(collection, doc))) {
      const replaced = await collection.replaceOne({ _id: doc._id, version: { $lt: doc.version } }, doc);
      if (replaced.matchedCount === 0 && doc.version > 1) await insertIfAbsent(collection, doc);
    }
    current = (await readVersion(db, type, doc._id, doc.version + 1))?.record;
  }
}

/** Inserts a projection document; false when the record is projected already (at any version). */
async function insertIfAbsent(collection: Collection<StoredEntity>, doc: StoredEntity): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
    return false;
  }
}
