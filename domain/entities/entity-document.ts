import type { Collection, Db } from 'mongodb';
import type { EntityType } from '../../schemas';

/**
 * An entity record as the repository keeps it: the schema's fields plus hidden bookkeeping the API
 * never shows.
 * - `_applied`: the idempotency keys of the record's latest writes, newest last; a retried write
 *   whose key is here was applied already. It travels with every version, so the head of the version
 *   log answers "was this applied?" exactly.
 * - `_dupName`, `_dupEmail`: the normalised duplicate-candidate keys of accounts, contacts and leads,
 *   set on the current-state projection only, where the duplicate check looks them up by index.
 * - `_events`, `_outboxRev`, `_idem`: left by the former outbox layout until the migration rewrote it.
 */
export interface StoredEntity {
  _id: string;
  version: number;
  archived: boolean;
  _applied?: string[];
  [field: string]: unknown;
}

/** A record as the API returns it: bookkeeping stripped. */
export interface EntityRecord {
  _id: string;
  version: number;
  archived: boolean;
  [field: string]: unknown;
}

export const hiddenFields = ['_applied', '_dupName', '_dupEmail', '_events', '_outboxRev', '_idem'] as const;

/** Every entity type's current-state projection lives in the collection of its URL name, e.g. `salesOrder`. */
export function entityCollectionName(type: EntityType): string {
  return type;
}

/** The current-state projection of a type: one document per record, brought forward from the version log. */
export function entityCollection(db: Db, type: EntityType): Collection<StoredEntity> {
  return db.collection<StoredEntity>(entityCollectionName(type));
}

/** The record without the hidden bookkeeping fields. */
export function toRecord(doc: StoredEntity): EntityRecord {
  const record: Record<string, unknown> = { ...doc };
  for (const field of hiddenFields) delete record[field];
  return record as EntityRecord;
}
