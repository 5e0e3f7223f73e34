import type { Collection, Db } from 'mongodb';
import type { EntityType } from '../../schemas';
import type { EntityChangeEvent } from '../events/change-event';

/**
 * An entity document as stored: the schema's fields plus hidden bookkeeping the API never shows.
 * - `_events`: the change-event outbox, written in the same document write as the change (SPEC §6).
 * - `_outboxRev`: bumped when the dispatcher marks an event, so a concurrent entity write that read the
 *   outbox before cannot reset the mark.
 * - `_idem`: the idempotency key that created the record.
 * - `_applied`: the idempotency keys of the latest updates, newest last.
 */
export interface StoredEntity {
  _id: string;
  version: number;
  archived: boolean;
  _events?: EntityChangeEvent[];
  _outboxRev?: number;
  _idem?: string;
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

export const hiddenFields = ['_events', '_outboxRev', '_idem', '_applied'] as const;

/** Every entity type lives in the collection of its URL name, e.g. `salesOrder`. */
export function entityCollectionName(type: EntityType): string {
  return type;
}

export function entityCollection(db: Db, type: EntityType): Collection<StoredEntity> {
  return db.collection<StoredEntity>(entityCollectionName(type));
}

/** The record without the hidden bookkeeping fields. */
export function toRecord(doc: StoredEntity): EntityRecord {
  const { _events, _outboxRev, _idem, _applied, ...record } = doc;
  void _events;
  void _outboxRev;
  void _idem;
  void _applied;
  return record;
}
