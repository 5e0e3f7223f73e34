import { createHash, randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { getEntityMeta, validateEntity, type EntityType } from '../../schemas';
import { appendAudit } from '../audit/audit-log';
import { appendToOutbox, buildChangeEvent, diffFields } from '../events/change-event';
import { notifyEntityCommit } from '../events/commit-listeners';
import { backoff, commitVersion } from './commit-version';
import { ensureNumberIndexes, takeNumber, type TakenNumber } from './counters';
import { entityCollection, toRecord, type EntityRecord, type StoredEntity } from './entity-document';
import { EntityNotFoundError, EntityValidationError, VersionConflictError } from './entity-errors';
import { buildListFilter, encodeCursor, maxListLimit, sortableFields, type ListQuery } from './list-query';
import { applyMergePatch } from './merge-patch';
import { findPossibleDuplicates, type PossibleDuplicate } from './possible-duplicates';
import { prepareWrite } from './prepare-write';
import { postStock } from './stock-postings';
import { duplicateKeyError, ensureEntityIndexes, findTakenKeys, isDuplicateKeyError } from './unique-keys';
import type { WriteContext } from './write-context';

export interface CreateResult {
  record: EntityRecord;
  /** False when an earlier create with the same idempotency key made the record. */
  created: boolean;
  /** For accounts, contacts and leads: existing records that look like the same one. */
  possibleDuplicates: PossibleDuplicate[];
}

export interface ListResult {
  items: EntityRecord[];
  nextCursor: string | null;
}

export interface EntityRepository {
  readonly db: Db;
  create(type: EntityType, input: unknown, ctx: WriteContext): Promise<CreateResult>;
  /** Throws {@link EntityNotFoundError}. Archived records are returned too. */
  get(type: EntityType, id: string): Promise<EntityRecord>;
  list(type: EntityType, query?: ListQuery): Promise<ListResult>;
  update(
    type: EntityType,
    id: string,
    mergePatch: unknown,
    options: { expectedVersion?: number },
    ctx: WriteContext,
  ): Promise<EntityRecord>;
  archive(
    type: EntityType,
    id: string,
    options: { expectedVersion?: number },
    ctx: WriteContext,
  ): Promise<EntityRecord>;
}

export interface RepositoryOptions {
  /** The clock; tests pin it. */
  now?: () => Date;
}

const maxAttempts = 200;

/**
 * The one way entity records are written. Every write validates, enforces the business invariants,
 * bumps `version`, records its change event in the document's `_events` outbox in the same
 * single-document write, and appends an audit record. No transactions: correctness comes from
 * conditional replaces on `version`, unique indexes, atomic counters and idempotency keys, which
 * FerretDB v1 and MongoDB both provide. Each committed write is announced to `onEntityCommit`
 * listeners on the same Db handle, which is how the trigger dispatcher hears of it at once. Posting a
 * goods receipt or shipping a shipment moves its stock first (see `postStock`).
 *
 * @example
 * const repo = createEntityRepository(db);
 * const { record } = await repo.create('account', { name: 'Acme', currency: 'EUR' }, { actor: { userId: 'u1' } });
 * await repo.update('account', record._id, { tier: 'gold' }, { expectedVersion: 1 }, { actor: { userId: 'u1' } });
 */
export function createEntityRepository(db: Db, options: RepositoryOptions = {}): EntityRepository {
  const now = options.now ?? (() => new Date());
  const indexes = new Map<EntityType, Promise<void>>();

  async function collectionOf(type: EntityType) {
    const collection = entityCollection(db, type);
    let ready = indexes.get(type);
    if (ready === undefined) {
      ready = Promise.all([ensureEntityIndexes(collection, type), ensureNumberIndexes(db)]).then(
        () => undefined,
      );
      indexes.set(type, ready);
      ready.catch(() => indexes.delete(type));
    }
    await ready;
    return collection;
  }

  async function load(type: EntityType, id: string): Promise<StoredEntity> {
    const doc = await (await collectionOf(type)).findOne({ _id: id });
    if (doc === null) throw new EntityNotFoundError(`${type} ${id} does not exist`);
    return doc;
  }

  async function create(type: EntityType, input: unknown, ctx: WriteContext): Promise<CreateResult> {
    const collection = await collectionOf(type);
    const id = ctx.idempotencyKey === undefined ? randomUUID() : idFromKey(type, ctx.idempotencyKey);
    if (ctx.idempotencyKey !== undefined) {
      const existing = await collection.findOne({ _id: id });
      if (existing !== null) return { record: toRecord(existing), created: false, possibleDuplicates: [] };
    }
    const fields = await prepareWrite(db, type, input, undefined);
    const at = now();
    const stamp = at.toISOString();
    const record: Record<string, unknown> & { _id: string } = {
      ...fields,
      _id: id,
      version: 1,
      createdAt: stamp,
      updatedAt: stamp,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      archived: false,
    };
    const numbering = getEntityMeta(type).numbering;
    // The number is validated as a placeholder and taken only once everything else passed.
    const placeholder =
      numbering === undefined
        ? {}
        : { [numbering.field]: `${numbering.prefix}-${at.getUTCFullYear()}-000000` };
    const final = validateEntity(type, { ...record, ...placeholder }, 'replace');
    if (!final.ok) throw new EntityValidationError(`invalid ${type}`, final.errors);
    const taken = await findTakenKeys(collection, type, record);
    if (taken.length > 0) throw duplicateKeyError(type, record, taken);
    await postStock({ db, get, create }, type, id, undefined, record, ctx);

    const number: TakenNumber | undefined =
      numbering === undefined ? undefined : await takeNumber(db, numbering.prefix, at);
    if (numbering !== undefined && number !== undefined) record[numbering.field] = number.number;
    const event = buildChangeEvent({
      event: 'created',
      seq: 1,
      changes: diffFields({}, record),
      at: stamp,
      actor: ctx.actor,
      runId: ctx.runId,
    });
    const doc: StoredEntity = {
      ...(record as StoredEntity),
      _events: appendToOutbox([], event),
      _outboxRev: 0,
      ...(ctx.idempotencyKey === undefined ? {} : { _idem: ctx.idempotencyKey }),
    };
    const outcome = await insertOnce(type, doc);
    if (outcome !== 'inserted') {
      await number?.giveBack();
      if (outcome === 'sameId') {
        // A concurrent create with the same idempotency key won.
        return { record: toRecord(await load(type, id)), created: false, possibleDuplicates: [] };
      }
      throw duplicateKeyError(type, record, outcome);
    }
    await appendAudit(
      db,
      {
        actor: ctx.actor,
        action: 'entity.created',
        resource: `entity:${type}`,
        resourceId: id,
        diff: event.changes,
        at: stamp,
        ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
      },
      event.id,
    );
    notifyEntityCommit(db, { type, entityId: id, eventId: event.id });
    await afterWrite(type, undefined, doc, ctx);
    return {
      record: toRecord(doc),
      created: true,
      possibleDuplicates: await findPossibleDuplicates(db, type, record),
    };
  }

  /**
   * Inserts a new record. A failure that is not a duplicate key (a dropped connection) is retried with the
   * same document: if the first attempt did land, the retry meets our own `_id` holding our number.
   */
  async function insertOnce(
    type: EntityType,
    doc: StoredEntity,
  ): Promise<'inserted' | 'sameId' | string[][]> {
    const collection = await collectionOf(type);
    for (let attempt = 1; ; attempt++) {
      try {
        await collection.insertOne(doc);
        return 'inserted';
      } catch (error: unknown) {
        if (isDuplicateKeyError(error)) {
          const taken = await findTakenKeys(collection, type, doc);
          if (taken.length > 0) return taken;
          const existing = await collection.findOne({ _id: doc._id });
          if (existing === null) throw error;
          return JSON.stringify(existing._events?.[0]?.id) === JSON.stringify(doc._events?.[0]?.id)
            ? 'inserted'
            : 'sameId';
        }
        if (attempt >= 3) throw error;
      }
    }
  }

  async function get(type: EntityType, id: string): Promise<EntityRecord> {
    return toRecord(await load(type, id));
  }

  async function list(type: EntityType, query: ListQuery = {}): Promise<ListResult> {
    const collection = await collectionOf(type);
    const sort = query.sort ?? { field: 'updatedAt', direction: -1 };
    if (!sortableFields(type).includes(sort.field)) {
      throw new EntityValidationError(`cannot sort ${type} by ${sort.field}`, [
        { path: 'sort', message: `must be one of ${sortableFields(type).join(', ')}` },
      ]);
    }
    const limit = Math.min(Math.max(query.limit ?? 50, 1), maxListLimit);
    const docs = await collection
      .find(buildListFilter(type, query))
      .sort({ [sort.field]: sort.direction, _id: sort.direction })
      .limit(limit + 1)
      .toArray();
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRecord),
      nextCursor: docs.length > limit && last !== undefined ? encodeCursor(sort.field, last) : null,
    };
  }

  async function update(
    type: EntityType,
    id: string,
    mergePatch: unknown,
    { expectedVersion }: { expectedVersion?: number },
    ctx: WriteContext,
  ): Promise<EntityRecord> {
    const collection = await collectionOf(type);
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = await load(type, id);
      if (ctx.idempotencyKey !== undefined && stored._applied?.includes(ctx.idempotencyKey))
        return toRecord(stored);
      checkVersion(type, stored, expectedVersion);
      const current = toRecord(stored);
      const merged = applyMergePatch(current, mergePatch);
      const fields = await prepareWrite(db, type, merged, stored);
      const numbering = getEntityMeta(type).numbering;
      const next = {
        ...fields,
        archived: stored.archived,
        ...(numbering === undefined ? {} : { [numbering.field]: stored[numbering.field] }),
      };
      const taken = await findTakenKeys(collection, type, { ...next, _id: id });
      if (taken.length > 0) throw duplicateKeyError(type, next, taken);
      await postStock({ db, get, create }, type, id, stored, next, ctx);
      try {
        const written = await commitVersion(collection, {
          db,
          type,
          stored,
          next,
          event: 'updated',
          ctx,
          at: now().toISOString(),
        });
        if (written === undefined) return current;
        if (written !== null) {
          await afterWrite(type, stored, written, ctx);
          return toRecord(written);
        }
      } catch (error: unknown) {
        if (!isDuplicateKeyError(error)) throw error;
        throw duplicateKeyError(type, next, await findTakenKeys(collection, type, { ...next, _id: id }));
      }
      await backoff(attempt);
    }
    throw new Error(`${type} ${id}: gave up after ${maxAttempts} concurrent writes`);
  }

  async function archive(
    type: EntityType,
    id: string,
    { expectedVersion }: { expectedVersion?: number },
    ctx: WriteContext,
  ): Promise<EntityRecord> {
    const collection = await collectionOf(type);
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = await load(type, id);
      if (stored.archived) return toRecord(stored);
      checkVersion(type, stored, expectedVersion);
      const next = { ...toRecord(stored), archived: true };
      const written = await commitVersion(collection, {
        db,
        type,
        stored,
        next,
        event: 'deleted',
        ctx,
        at: now().toISOString(),
      });
      if (written !== null && written !== undefined) {
        await afterWrite(type, stored, written, ctx);
        return toRecord(written);
      }
      await backoff(attempt);
    }
    throw new Error(`${type} ${id}: gave up after ${maxAttempts} concurrent writes`);
  }

  /** Keeps derived records in step: a payment write recomputes its invoice (and its former invoice). */
  async function afterWrite(
    type: EntityType,
    before: StoredEntity | undefined,
    after: StoredEntity,
    ctx: WriteContext,
  ) {
    if (type !== 'payment') return;
    const invoiceIds = new Set(
      [before?.invoiceId, after.invoiceId].filter((v): v is string => typeof v === 'string'),
    );
    const derivedCtx: WriteContext = {
      actor: ctx.actor,
      ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
    };
    for (const invoiceId of invoiceIds) await update('invoice', invoiceId, {}, {}, derivedCtx);
  }

  return { db, create, get, list, update, archive };
}

function checkVersion(type: EntityType, stored: StoredEntity, expected: number | undefined): void {
  if (expected !== undefined && stored.version !== expected) {
    throw new VersionConflictError(
      `${type} ${stored._id} is at version ${stored.version}, not ${expected}; reload and retry`,
      stored.version,
    );
  }
}

/** The record id an idempotency key creates: the same key always names the same record. */
function idFromKey(type: EntityType, key: string): string {
  const hex = createHash('sha256').update(`${type}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
