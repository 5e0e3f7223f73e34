/** What happened to a record. Archiving a record is its `deleted` event. */
export type ChangeKind = 'created' | 'updated' | 'deleted';

/** One changed top-level field: `from` absent when the field was added, `to` absent when removed. */
export interface FieldChange {
  from?: unknown;
  to?: unknown;
}

/**
 * The change event of one committed version, as the trigger dispatcher hands it on. It is stored in
 * the version document the write inserted (see `domain/entities/version-log.ts`), so the version, its
 * event and its audit entry exist together or not at all.
 */
export interface EntityChangeEvent {
  /** Unique; the dispatcher derives the workflow id of each triggered run from it. */
  id: string;
  /** The record version this event produced; events of one record are ordered by it. */
  seq: number;
  event: ChangeKind;
  /**
   * Exactly the top-level fields whose value differs between the previous and this version (compared
   * by value), with `from` and `to`. The bookkeeping every write changes (`version`, `updatedAt`,
   * `updatedBy`) is left out; on create every field of the new record is a change with only `to`.
   */
  changes: Record<string, FieldChange>;
  /** The whole previous version of the record; `{}` on create. */
  previous: Record<string, unknown>;
  /** ISO date-time of the write. */
  at: string;
  actor: { userId: string };
  /** The workflow run that caused the write; a workflow is not retriggered by its own run's events. */
  runId?: string;
  dispatched: boolean;
}

/** Fields every write changes; a trigger could never match on them, so they are no change. */
export const bookkeepingFields: ReadonlySet<string> = new Set(['version', 'updatedAt', 'updatedBy']);

/**
 * The top-level fields that differ between two versions of a record, compared by value (key order
 * inside objects does not count). Fields equal in both are never listed.
 *
 * @example
 * diffFields({ status: 'draft', total: 5 }, { status: 'sent', total: 5 });
 * // { status: { from: 'draft', to: 'sent' } }
 */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeepingFields.has(key)) continue;
    const from = before[key];
    const to = after[key];
    if (sameValue(from, to)) continue;
    changes[key] = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  }
  return changes;
}

/** Deep equality of JSON values, blind to the key order of objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted at every depth: equal for values that are equal as data. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
          )
        : v,
    ) ?? 'undefined'
  );
}
