import type { Collection, Db, Filter } from 'mongodb';
import { validateEntity, type EntityType } from '../../schemas';
import { appendAudit } from '../audit/audit-log';
import { appendToOutbox, buildChangeEvent, diffFields, type ChangeKind } from '../events/change-event';
import { notifyEntityCommit } from '../events/commit-listeners';
import { toRecord, type StoredEntity } from './entity-document';
import { EntityValidationError } from './entity-errors';
import { claimTransition, releaseTransition } from './write-gate';
import { keptAppliedKeys, type WriteContext } from './write-context';

export interface CommitInput {
  db: Db;
  type: EntityType;
  stored: StoredEntity;
  /** The complete next version's schema fields; system fields are set here. */
  next: Record<string, unknown>;
  event: ChangeKind;
  ctx: WriteContext;
  at: string;
  /** Extra conditions the stored document must still meet, e.g. a stock guard. */
  guard?: Filter<StoredEntity>;
}

/**
 * Writes the next version of a record in one replace: the new fields, version + 1, the change event
 * appended to the `_events` outbox, and the idempotency key remembered. Only the writer that claims the
 * state it read (see {@link claimTransition}) writes, and the replace also matches only that version,
 * so a concurrent write makes it return `null` and the caller re-reads and retries or reports the
 * conflict. Returns the stored document, or `undefined` when
 * nothing changed and no write was needed.
 */
export async function commitVersion(
  collection: Collection<StoredEntity>,
  input: CommitInput,
): Promise<StoredEntity | null | undefined> {
  const { type, stored, ctx, at } = input;
  const changes = diffFields(toRecord(stored), input.next);
  if (Object.keys(changes).length === 0) return undefined;
  const version = stored.version + 1;
  const record: Record<string, unknown> = {
    ...input.next,
    _id: stored._id,
    version,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    updatedAt: at,
    updatedBy: ctx.actor.userId,
  };
  const final = validateEntity(type, record, 'replace');
  if (!final.ok) throw new EntityValidationError(`invalid ${type}`, final.errors);
  const event = buildChangeEvent({
    event: input.event,
    seq: version,
    changes,
    at,
    actor: ctx.actor,
    runId: ctx.runId,
  });
  const applied =
    ctx.idempotencyKey === undefined
      ? stored._applied
      : [...(stored._applied ?? []), ctx.idempotencyKey].slice(-keptAppliedKeys);
  const doc: StoredEntity = {
    ...(record as StoredEntity),
    _events: appendToOutbox(stored._events, event),
    _outboxRev: stored._outboxRev ?? 0,
    ...(stored._idem === undefined ? {} : { _idem: stored._idem }),
    ...(applied === undefined ? {} : { _applied: applied }),
  };
  const filter = { _id: stored._id, version: stored.version, _outboxRev: stored._outboxRev ?? 0 };
  const claimed = await claimTransition(input.db, type, stored, () =>
    collection.findOne({ _id: stored._id }, { projection: { version: 1, _outboxRev: 1 } }),
  );
  if (claimed === undefined) return null;
  let result;
  try {
    result = await collection.replaceOne({ ...input.guard, ...filter }, doc);
  } catch (error: unknown) {
    await releaseTransition(input.db, claimed);
    throw error;
  }
  if (result.matchedCount === 0) return null;
  // Every committed version, whoever wrote it (updates, archives, stock movements), wakes this
  // process's trigger dispatcher at once instead of at its next sweep.
  notifyEntityCommit(input.db, { type, entityId: stored._id, eventId: event.id });
  await appendAudit(
    input.db,
    {
      actor: ctx.actor,
      action: `entity.${input.event}`,
      resource: `entity:${type}`,
      resourceId: stored._id,
      diff: changes,
      at,
      ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
    },
    event.id,
  );
  return doc;
}

/** A short random pause before retrying a lost race, so racing writers spread out. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 + attempt, 20)));
}
