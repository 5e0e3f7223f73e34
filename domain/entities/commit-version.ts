import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { getEntityMeta, validateEntity, type EntityType, type UniqueKey } from '../../schemas';
import { diffFields, type ChangeKind } from '../events/change-event';
import { notifyEntityCommit } from '../events/commit-listeners';
import { numberCandidates, type NumberCandidates } from './counters';
import { toRecord, type StoredEntity } from './entity-document';
import { EntityValidationError } from './entity-errors';
import { projectRecord, readHead } from './projection';
import { claimUniqueKeys } from './unique-keys';
import { ensureVersionLogIndexes, insertVersion, versionKey, type VersionDocument } from './version-log';
import { keptAppliedKeys, type WriteContext } from './write-context';

export interface CommitInput {
  db: Db;
  type: EntityType;
  id: string;
  /** The head version the write is based on; undefined for a create. */
  previous: StoredEntity | undefined;
  /** The next version's schema fields; the system fields are set here. */
  next: Record<string, unknown>;
  event: ChangeKind;
  ctx: WriteContext;
  at: Date;
  /** Keys to claim besides the type's declared ones (a find-or-create's match). */
  extraKeys?: readonly UniqueKey[];
}

/** What a commit came to. */
export type CommitResult =
  /** The version is committed: stored, with its event and audit entry, and projected. */
  | { status: 'committed'; record: StoredEntity }
  /** Nothing differs from `previous`; nothing was written. */
  | { status: 'unchanged' }
  /** Another writer committed the version first; re-read and retry, or report a conflict. */
  | { status: 'lost'; existing: VersionDocument };

/**
 * Commits the next version of a record with ONE insert into the version log (see
 * {@link VersionDocument}): the record, its change event and its audit entry in one immutable
 * document whose unique `_id` names the version, so exactly one writer commits each version and a
 * version never exists without its event or its audit entry. A create of a numbered type takes its
 * document number with the same insert (see `numberCandidates`). Unique key values the version
 * newly holds are claimed first (see `claimUniqueKeys`). After the insert the projection is brought
 * forward and this process's dispatcher is woken.
 */
export async function commitVersion(input: CommitInput): Promise<CommitResult> {
  const { db, type, id, previous, ctx } = input;
  const stamp = input.at.toISOString();
  const version = (previous?.version ?? 0) + 1;
  const applied =
    ctx.idempotencyKey === undefined
      ? previous?._applied
      : [...(previous?._applied ?? []), ctx.idempotencyKey].slice(-keptAppliedKeys);
  const record: StoredEntity = {
    ...(input.next as Omit<StoredEntity, '_id' | 'version'>),
    _id: id,
    version,
    createdAt: previous?.createdAt ?? stamp,
    createdBy: previous?.createdBy ?? ctx.actor.userId,
    updatedAt: stamp,
    updatedBy: ctx.actor.userId,
    archived: input.next.archived === true,
    ...(applied === undefined ? {} : { _applied: applied }),
  };
  if (record._applied === undefined) delete record._applied;
  const before = previous === undefined ? {} : toRecord(previous);
  const changes = diffFields(before, toRecord(record));
  if (previous !== undefined && Object.keys(changes).length === 0) return { status: 'unchanged' };

  const numbering = getEntityMeta(type).numbering;
  const numbers: NumberCandidates | undefined =
    previous === undefined && numbering !== undefined
      ? await numberCandidates(db, numbering.prefix, input.at)
      : undefined;
  // Validated with the first candidate number: a taken number is only ever replaced by another.
  if (numbers !== undefined && numbering !== undefined) record[numbering.field] = numbers.number();
  const final = validateEntity(type, toRecord(record), 'replace');
  if (!final.ok) throw new EntityValidationError(`invalid ${type}`, final.errors);
  await ensureVersionLogIndexes(db);
  await claimUniqueKeys(db, type, record, previous, (t, i) => readHead(db, t, i), input.extraKeys);

  const eventId = randomUUID();
  for (;;) {
    const doc: VersionDocument = {
      _id: versionKey(type, id, version),
      type,
      entityId: id,
      version,
      kind: input.event,
      record,
      changes: numbers === undefined ? changes : diffFields(before, toRecord(record)),
      eventId,
      at: stamp,
      actor: { userId: ctx.actor.userId },
      ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
      ...(ctx.idempotencyKey === undefined ? {} : { idem: ctx.idempotencyKey }),
      claim:
        numbers !== undefined && numbering !== undefined
          ? String(record[numbering.field])
          : versionKey(type, id, version),
      dispatched: false,
      seq: Date.now(),
    };
    const outcome = await insertVersion(db, doc);
    if (outcome.status === 'versionTaken') return { status: 'lost', existing: outcome.existing };
    if (outcome.status === 'claimTaken') {
      if (numbers === undefined || numbering === undefined) {
        throw new Error(`${doc._id}: its claim ${doc.claim} is held by another version`);
      }
      numbers.taken();
      record[numbering.field] = numbers.number();
      continue;
    }
    // Both only save later work: a stale hint costs probes, a stale projection is brought forward by
    // the next read of the record or the dispatcher; neither may fail a committed write.
    await numbers?.committed().catch(() => undefined);
    await projectRecord(db, type, record).catch(() => undefined);
    // Every committed version, whoever wrote it (updates, archives, stock movements), wakes this
    // process's trigger dispatcher at once instead of at its next sweep.
    notifyEntityCommit(db, { type, entityId: id, version, eventId });
    return { status: 'committed', record };
  }
}
