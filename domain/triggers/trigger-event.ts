import type { EntityType } from '../../schemas';
import type { EntityRecord } from '../entities/entity-document';
import type { ChangeKind, EntityChangeEvent } from '../events/change-event';

/**
 * `$trigger` inside a run started by an entity event (SPEC §6): the event, the record as that write
 * left it, the changed fields' previous values and the changes, plus where the event came from.
 */
export interface EntityTriggerEvent {
  event: ChangeKind;
  entity: EntityRecord;
  /** The changed fields' values before the write; `{}` on create. */
  previous: Record<string, unknown>;
  /** Changed top-level fields: `{from?, to?}`. */
  changes: Record<string, { from?: unknown; to?: unknown }>;
  entityType: EntityType;
  entityId: string;
  eventId: string;
  /** The record version the write produced. */
  seq: number;
  /** ISO time of the write. */
  at: string;
  actor: { userId: string };
  /** The run whose write this was, when a workflow made it. */
  causedByRunId?: string;
  /** 1 for a run started by a person's write; one more for each run in a chain of triggered runs. */
  chainDepth: number;
}

/**
 * The record as the write of `event` left it. The document holds only its newest version, so the
 * later writes are undone field by field from their changes, newest first; that needs every later
 * event, which the outbox keeps while this one is undispatched (unless another dispatcher marked
 * later ones first and the outbox pruned them); then the newest version stands in.
 *
 * @example
 * recordAtEvent({ _id: 'a', version: 3, status: 'won' }, events, events[0]); // { ..., version: 2, status: 'open' }
 */
export function recordAtEvent(
  latest: EntityRecord,
  events: readonly EntityChangeEvent[],
  event: EntityChangeEvent,
): EntityRecord {
  if (event.seq === latest.version) return latest;
  const later = events.filter((e) => e.seq > event.seq).sort((a, b) => b.seq - a.seq);
  const contiguous =
    later.length === latest.version - event.seq && later.every((e, i) => e.seq === latest.version - i);
  if (!contiguous) return latest;
  const record: Record<string, unknown> = { ...latest };
  for (const undo of later) {
    for (const [field, change] of Object.entries(undo.changes)) {
      if (change.from === undefined) delete record[field];
      else record[field] = change.from;
    }
  }
  record.version = event.seq;
  record.updatedAt = event.at;
  record.updatedBy = event.actor.userId;
  return record as EntityRecord;
}

/** Builds `$trigger` for one event of a record. */
export function buildTriggerEvent(input: {
  entityType: EntityType;
  latest: EntityRecord;
  events: readonly EntityChangeEvent[];
  event: EntityChangeEvent;
  chainDepth: number;
}): EntityTriggerEvent {
  const { event } = input;
  return {
    event: event.event,
    entity: recordAtEvent(input.latest, input.events, event),
    previous: event.previous,
    changes: event.changes,
    entityType: input.entityType,
    entityId: input.latest._id,
    eventId: event.id,
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    ...(event.runId === undefined ? {} : { causedByRunId: event.runId }),
    chainDepth: input.chainDepth,
  };
}
