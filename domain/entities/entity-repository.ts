import { createHash, randomUUID } from 'node:crypto';
import type { Db, Filter } from 'mongodb';
import { getEntityMeta, keyName, normalise, type EntityType, type UniqueKey } from '../../schemas';
import type { ChangeKind } from '../events/change-event';
import { commitVersion } from './commit-version';
import { entityCollection, toRecord, type EntityRecord, type StoredEntity } from './entity-document';
import {
  DuplicateKeyError,
  EntityNotFoundError,
  EntityValidationError,
  VersionConflictError,
  WriteForbiddenError,
} from './entity-errors';
import {
  buildListFilter,
  encodeCursor,
  escapeRegex,
  maxListLimit,
  sortableFields,
  type ListQuery,
} from './list-query';
import { applyMergePatch } from './merge-patch';
import {
  ensureDuplicateIndexes,
  findPossibleDuplicates,
  type PossibleDuplicate,
} from './possible-duplicates';
import { prepareWrite } from './prepare-write';
import { readHead } from './projection';
import { ensureReferenceIndexes } from './related-documents';
import { postStock } from './stock-postings';
import { backoff } from './store-retry';
import { committedHead, ensureEntityIndexes } from './unique-keys';
import { ensureVersionLogIndexes } from './version-log';
import { derivedWrite, type WriteContext } from './write-context';
import { writeRefusals, type ControlledWrite } from '../access/write-controls';

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
  /**
   * Returns the live record whose `match` fields equal the input's, or creates it: exactly one
   * record per match under any concurrency (see {@link FindOrCreateMatch}). `created` says which.
   */
  findOrCreate(
    type: EntityType,
    input: unknown,
    match: FindOrCreateMatch,
    ctx: WriteContext,
  ): Promise<CreateResult>;
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

/**
 * The fields a find-or-create matches on. The create claims them as a unique key of live records
 * (`archived` false), so of any number of racing find-or-creates one creates and the others return
 * its record. Writes that are not find-or-creates don't claim the key unless the schema declares it
 * (`x-unique-keys`).
 */
export interface FindOrCreateMatch {
  fields: readonly string[];
  /** Text values match trimmed and case-insensitively (emails). */
  caseInsensitive?: boolean;
}

export interface RepositoryOptions {
  /** The clock; tests pin it. */
  now?: () => Date;
}

const maxAttempts = 200;

/**
 * The one way entity records are written. Every write validates, enforces the business invariants
 * and commits the next version with ONE insert into the version log (see `commitVersion`): the
 * record, its change event and its audit entry together, or nothing. The version's unique key picks
 * one writer per version, so a write based on a stale read loses and is retried on the new head (or
 * refused with a 412 when the caller named the version it expected): no update is ever lost. Reads
 * come from the current-state projection, confirmed against the log for single records (see
 * `readHead`). No transactions, no conditional updates: only single-document inserts carry a
 * guarantee, which FerretDB v1 and MongoDB both make atomic. Posting a goods receipt or shipping a
 * shipment moves its stock first (see `postStock`).
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
      ready = Promise.all([
        ensureEntityIndexes(collection),
        ensureDuplicateIndexes(collection, type),
        ensureVersionLogIndexes(db),
        ensureReferenceIndexes(db),
      ]).then(() => undefined);
      indexes.set(type, ready);
      ready.catch(() => indexes.delete(type));
    }
    await ready;
    return collection;
  }

  async function load(type: EntityType, id: string): Promise<StoredEntity> {
    await collectionOf(type);
    const head = await readHead(db, type, id);
    if (head === undefined) throw new EntityNotFoundError(`${type} ${id} does not exist`);
    return head;
  }

  function create(type: EntityType, input: unknown, ctx: WriteContext): Promise<CreateResult> {
    return createWith(type, input, ctx, []);
  }

  async function createWith(
    type: EntityType,
    input: unknown,
    ctx: WriteContext,
    extraKeys: readonly UniqueKey[],
  ): Promise<CreateResult> {
    await collectionOf(type);
    const id = ctx.idempotencyKey === undefined ? randomUUID() : idFromKey(type, ctx.idempotencyKey);
    if (ctx.idempotencyKey !== undefined) {
      const existing = await readHead(db, type, id);
      if (existing !== undefined)
        return { record: toRecord(existing), created: false, possibleDuplicates: [] };
    }
    const fields = await prepareWrite(db, type, input, undefined);
    const next = { ...fields, archived: false };
    enforceControls({ type, action: 'create', before: undefined, next }, ctx);
    await postStock({ db, get, create }, type, id, undefined, next, ctx);
    const result = await commitVersion({
      db,
      type,
      id,
      previous: undefined,
      next,
      event: 'created',
      ctx,
      at: now(),
      extraKeys,
    });
    if (result.status !== 'committed') {
      // A concurrent create with the same idempotency key won.
      return { record: toRecord(await load(type, id)), created: false, possibleDuplicates: [] };
    }
    await afterWrite(type, undefined, result.record, ctx);
    return {
      record: toRecord(result.record),
      created: true,
      possibleDuplicates: await findPossibleDuplicates(db, type, result.record),
    };
  }

  async function findOrCreate(
    type: EntityType,
    input: unknown,
    match: FindOrCreateMatch,
    ctx: WriteContext,
  ): Promise<CreateResult> {
    const collection = await collectionOf(type);
    const key: UniqueKey = {
      fields: [...match.fields],
      when: { archived: { ne: true } },
      ...(match.caseInsensitive === true ? { caseInsensitive: true } : {}),
    };
    const values = matchValues(type, input, key);
    const found = await collection.findOne(matchFilter(key, values));
    if (found !== null) return { record: toRecord(found), created: false, possibleDuplicates: [] };
    try {
      return await createWith(type, input, ctx, [key]);
    } catch (error: unknown) {
      const holder =
        error instanceof DuplicateKeyError ? error.holders.find((h) => h.key === keyName(key)) : undefined;
      if (holder === undefined) throw error;
      const head = await committedHead(type, holder.id, (t, i) => readHead(db, t, i));
      if (head === undefined) throw error;
      return { record: toRecord(head), created: false, possibleDuplicates: [] };
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

  /**
   * Commits the version `change` makes of the current head, re-reading and retrying when another
   * writer committed first, unless the caller expected a version (then 412). A write whose
   * idempotency key the head already carries was applied before and is not repeated.
   */
  async function writeNext(
    type: EntityType,
    id: string,
    event: ChangeKind,
    expectedVersion: number | undefined,
    ctx: WriteContext,
    change: (stored: StoredEntity) => Promise<Record<string, unknown> | undefined>,
  ): Promise<EntityRecord> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const stored = await load(type, id);
      if (ctx.idempotencyKey !== undefined && stored._applied?.includes(ctx.idempotencyKey))
        return toRecord(stored);
      checkVersion(type, stored, expectedVersion);
      const next = await change(stored);
      if (next === undefined) return toRecord(stored);
      enforceControls({ type, action: event === 'deleted' ? 'delete' : 'update', before: stored, next }, ctx);
      await postStock({ db, get, create }, type, id, stored, next, ctx);
      const result = await commitVersion({ db, type, id, previous: stored, next, event, ctx, at: now() });
      if (result.status === 'unchanged') return toRecord(stored);
      if (result.status === 'committed') {
        await afterWrite(type, stored, result.record, ctx);
        return toRecord(result.record);
      }
      if (ctx.idempotencyKey !== undefined && result.existing.idem === ctx.idempotencyKey)
        return toRecord(result.existing.record);
      checkVersion(type, result.existing.record, expectedVersion);
      await backoff(attempt);
    }
    throw new Error(`${type} ${id}: gave up after ${maxAttempts} concurrent writes`);
  }

  function update(
    type: EntityType,
    id: string,
    mergePatch: unknown,
    { expectedVersion }: { expectedVersion?: number },
    ctx: WriteContext,
  ): Promise<EntityRecord> {
    return writeNext(type, id, 'updated', expectedVersion, ctx, async (stored) => {
      const merged = applyMergePatch(toRecord(stored), mergePatch);
      const fields = await prepareWrite(db, type, merged, stored);
      const numbering = getEntityMeta(type).numbering;
      return {
        ...fields,
        archived: stored.archived,
        ...(numbering === undefined ? {} : { [numbering.field]: stored[numbering.field] }),
      };
    });
  }

  function archive(
    type: EntityType,
    id: string,
    { expectedVersion }: { expectedVersion?: number },
    ctx: WriteContext,
  ): Promise<EntityRecord> {
    return writeNext(type, id, 'deleted', expectedVersion, ctx, (stored) =>
      Promise.resolve(stored.archived ? undefined : { ...toRecord(stored), archived: true }),
    );
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
    const derivedCtx = derivedWrite(ctx);
    for (const invoiceId of invoiceIds) await update('invoice', invoiceId, {}, {}, derivedCtx);
  }

  return { db, create, findOrCreate, get, list, update, archive };
}

/** Refuses, with a 403 naming what and who may, a write the writer's roles do not allow. */
function enforceControls(write: ControlledWrite, ctx: WriteContext): void {
  const refusals = writeRefusals(write, ctx.roles);
  const first = refusals[0];
  if (first === undefined) return;
  throw new WriteForbiddenError(
    refusals.map((refusal) => refusal.message).join('; '),
    refusals.map(({ path, message }) => ({ path, message })),
  );
}

function checkVersion(type: EntityType, stored: StoredEntity, expected: number | undefined): void {
  if (expected !== undefined && stored.version !== expected) {
    throw new VersionConflictError(
      `${type} ${stored._id} is at version ${stored.version}, not ${expected}; reload and retry`,
      stored.version,
    );
  }
}

/** The input's values of a find-or-create's match fields; each must be given, as text, number or boolean. */
function matchValues(type: EntityType, input: unknown, key: UniqueKey): unknown[] {
  const data = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const details = key.fields
    .filter((field) => !['string', 'number', 'boolean'].includes(typeof data[field]))
    .map((field) => ({
      path: field,
      message: 'a find-or-create needs a text, number or boolean value here',
    }));
  if (details.length > 0) throw new EntityValidationError(`invalid ${type} match`, details);
  return key.fields.map((field) => data[field]);
}

/** The projection filter for a live record with these match values. */
function matchFilter(key: UniqueKey, values: readonly unknown[]): Filter<StoredEntity> {
  const filter: Record<string, unknown> = { archived: false };
  key.fields.forEach((field, i) => {
    const value = values[i];
    filter[field] =
      key.caseInsensitive === true && typeof value === 'string'
        ? { $regex: `^\\s*${escapeRegex(normalise(value))}\\s*$`, $options: 'i' }
        : value;
  });
  return filter;
}

/** The record id an idempotency key creates: the same key always names the same record. */
function idFromKey(type: EntityType, key: string): string {
  const hex = createHash('sha256').update(`${type}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
