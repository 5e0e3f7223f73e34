import type { EntityType } from '../../schemas';
import type { EntityRecord } from '../entities/entity-document';
import type { ChangeKind, EntityChangeEvent } from '../events/change-event';

/**
 * `$trigger` inside a run started by an entity event: the event, the record as that write
 * left it, the whole previous version and the exact changes, plus where the event came from.
 */
export interface EntityTriggerEvent {
  event: ChangeKind;
  entity: EntityRecord;
  /** The whole previous version of the record; `{}` on create. */
  previous: Record<string, unknown>;
  /** Exactly the top-level fields whose value changed: `{from?, to?}` (see `EntityChangeEvent`). */
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

/** Builds `$trigger` for one event: `entity` is the record exactly as the event's version left it. */
export function buildTriggerEvent(input: {
  entityType: EntityType;
  entity: EntityRecord;
  event: EntityChangeEvent;
  chainDepth: number;
}): EntityTriggerEvent {
  const { event } = input;
  return {
    event: event.event,
    entity: input.entity,
    previous: event.previous,
    changes: event.changes,
    entityType: input.entityType,
    entityId: input.entity._id,
    eventId: event.id,
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    ...(event.runId === undefined ? {} : { causedByRunId: event.runId }),
    chainDepth: input.chainDepth,
  };
}
