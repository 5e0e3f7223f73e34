import { randomUUID } from 'node:crypto';

/** What happened to a record. Archiving a record is its `deleted` event. */
export type ChangeKind = 'created' | 'updated' | 'deleted';

/**
 * One entry of an entity document's `_events` outbox. It is written in the same single-document write
 * as the change it describes, so a crash can never separate the two.
 */
export interface EntityChangeEvent {
  /** Unique; the dispatcher derives the workflow id of each triggered run from it. */
  id: string;
  /** The document version this event produced; events of one record are ordered by it. */
  seq: number;
  event: ChangeKind;
  /** Changed top-level fields with old and new values (`from` absent on create, `to` absent when removed). */
  changes: Record<string, { from?: unknown; to?: unknown }>;
  /** The changed fields' values before the write; `{}` on create. */
  previous: Record<string, unknown>;
  /** ISO date-time of the write. */
  at: string;
  actor: { userId: string };
  /** The workflow run that caused the write; a workflow is not retriggered by its own run's events. */
  runId?: string;
  dispatched: boolean;
}

/** Dispatched events kept per document for inspection; undispatched events are never dropped. */
export const keptDispatchedEvents = 5;

// Bookkeeping and timestamps change on every write and say nothing a trigger could match on.
const ignoredFields = new Set([
  'version',
  'updatedAt',
  'updatedBy',
  '_events',
  '_outboxRev',
  '_idem',
  '_applied',
]);

/**
 * The top-level fields that differ between two versions of a record, compared by value.
 *
 * @example
 * diffFields({ status: 'draft', total: 5 }, { status: 'sent', total: 5 });
 * // { status: { from: 'draft', to: 'sent' } }
 */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from?: unknown; to?: unknown }> {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignoredFields.has(key)) continue;
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  }
  return changes;
}

/** Builds the outbox entry for a write. */
export function buildChangeEvent(input: {
  event: ChangeKind;
  seq: number;
  changes: EntityChangeEvent['changes'];
  at: string;
  actor: { userId: string };
  runId?: string;
}): EntityChangeEvent {
  const previous: Record<string, unknown> = {};
  for (const [key, change] of Object.entries(input.changes)) {
    if (change.from !== undefined) previous[key] = change.from;
  }
  return {
    id: randomUUID(),
    seq: input.seq,
    event: input.event,
    changes: input.changes,
    previous,
    at: input.at,
    actor: { userId: input.actor.userId },
    ...(input.runId === undefined ? {} : { runId: input.runId }),
    dispatched: false,
  };
}

/**
 * Appends an event to an outbox and bounds it: every undispatched event stays, plus the newest
 * {@link keptDispatchedEvents} dispatched ones. The whole array is written back with the document, since
 * FerretDB v1 ignores `$push` with `$slice`.
 */
export function appendToOutbox(
  outbox: readonly EntityChangeEvent[] | undefined,
  event: EntityChangeEvent,
): EntityChangeEvent[] {
  const all = [...(outbox ?? []), event];
  const dispatched = all.filter((e) => e.dispatched);
  const keep = new Set(dispatched.slice(-keptDispatchedEvents));
  return all.filter((e) => !e.dispatched || keep.has(e));
}
