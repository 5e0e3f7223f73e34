import type { Collection, Db } from 'mongodb';
import { getEntityMeta, keyName, keyValues, type EntityType, type UniqueKey } from '../../schemas';
import { sameValue } from '../events/change-event';
import { entityCollectionName, type StoredEntity } from './entity-document';
import { DuplicateKeyError, type DuplicateHolder } from './entity-errors';
import { jitteredDelay } from './store-retry';

/**
 * One generation of the claim on a unique key value (a product's sku, a stock item's product and
 * warehouse): `_id` is `<type>|<fields>|<values>#<generation>`. The highest generation is the
 * claim in force; it is held while its record's head version is older than `forVersion` (the write
 * it was taken for is still on its way) or holds the value. A claim no longer held is superseded by
 * inserting the next generation, which exactly one writer can do, so no claim is ever updated or
 * deleted: both would race on FerretDB v1.
 */
interface KeyClaim {
  _id: string;
  type: EntityType;
  entityId: string;
  forVersion: number;
  at: string;
}

export const keyClaimsCollection = 'entityKeys';

function keyClaims(db: Db): Collection<KeyClaim> {
  return db.collection<KeyClaim>(keyClaimsCollection);
}

/** The unique keys the version log enforces through claims: all but the document number (see `counters.ts`). */
export function claimedKeys(type: EntityType): UniqueKey[] {
  const meta = getEntityMeta(type);
  return meta.uniqueKeys.filter(
    (key) => !(key.fields.length === 1 && key.fields[0] === meta.numbering?.field && key.when === undefined),
  );
}

function claimBase(type: EntityType, key: UniqueKey, values: readonly unknown[]): string {
  // A case-insensitive key claims its normalised values under a name of its own, so it never
  // shares claims with an exact key on the same fields.
  return `${type}|${keyName(key)}${key.caseInsensitive === true ? '/i' : ''}|${JSON.stringify(values)}`;
}

/**
 * A claim whose version has not committed after this long was left by a writer that crashed between
 * the claim and its insert (a commit takes milliseconds, and every request has a deadline far
 * shorter), so the key is free again.
 */
const abandonedClaimMs = 120_000;

/**
 * Claims every unique key value `record` (the version about to be committed) holds and `previous`
 * did not, before the version is inserted: the declared keys of its type and `extraKeys` (a
 * find-or-create's match). Throws {@link DuplicateKeyError} naming the records that hold a key.
 * `readHead` reads a record's current version (see `readHead` in projection.ts).
 */
export async function claimUniqueKeys(
  db: Db,
  type: EntityType,
  record: StoredEntity,
  previous: StoredEntity | undefined,
  readHead: (type: EntityType, id: string) => Promise<StoredEntity | undefined>,
  extraKeys: readonly UniqueKey[] = [],
): Promise<void> {
  const taken: TakenKey[] = [];
  for (const key of [...claimedKeys(type), ...extraKeys]) {
    const values = keyValues(key, record);
    if (values === undefined) continue;
    const before = previous === undefined ? undefined : keyValues(key, previous);
    if (before !== undefined && sameValue(before, values)) continue;
    const holder = await claimKey(db, type, key, values, record, readHead);
    if (holder !== undefined) taken.push({ key, holder });
  }
  if (taken.length > 0) throw await duplicateKeyError(type, record, taken, readHead);
}

/** A key another record holds. */
interface TakenKey {
  key: UniqueKey;
  /** The id of the record that holds it. */
  holder: string;
}

/** Claims `key` for `record`; returns the id of the record holding it instead, if another does. */
async function claimKey(
  db: Db,
  type: EntityType,
  key: UniqueKey,
  values: readonly unknown[],
  record: StoredEntity,
  readHead: (type: EntityType, id: string) => Promise<StoredEntity | undefined>,
): Promise<string | undefined> {
  const claims = keyClaims(db);
  const base = claimBase(type, key, values);
  for (let round = 0; round < 50; round++) {
    let top: KeyClaim | null = null;
    for (let generation = 1; ; generation++) {
      const found = await claims.findOne({ _id: `${base}#${generation}` });
      if (found === null) break;
      top = found;
    }
    if (top !== null) {
      const holder = await readHead(type, top.entityId);
      const pending =
        (holder?.version ?? 0) < top.forVersion && Date.parse(top.at) > Date.now() - abandonedClaimMs;
      const heldValues = holder === undefined ? undefined : keyValues(key, holder);
      const holds = heldValues !== undefined && sameValue(heldValues, values);
      if (pending || holds) {
        if (top.entityId !== record._id) return top.entityId;
        // Ours: safe while pending for an earlier attempt at this version, or held by our head.
        if (top.forVersion >= record.version || holds) return undefined;
      }
    }
    const generation = top === null ? 1 : Number(top._id.slice(top._id.lastIndexOf('#') + 1)) + 1;
    try {
      await claims.insertOne({
        _id: `${base}#${generation}`,
        type,
        entityId: record._id,
        forVersion: record.version,
        at: new Date().toISOString(),
      });
      return undefined;
    } catch (error: unknown) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw new Error(`could not claim ${base}: too much contention`);
}

/**
 * Records the claims of a record committed by the migration from the former layout, whose unique
 * indexes held its keys: generation 1, held by its current version. `keys` defaults to every claimed
 * key of the type.
 */
export async function seedKeyClaims(
  db: Db,
  type: EntityType,
  record: StoredEntity,
  keys: readonly UniqueKey[] = claimedKeys(type),
): Promise<void> {
  for (const key of keys) {
    const values = keyValues(key, record);
    if (values === undefined) continue;
    try {
      await keyClaims(db).insertOne({
        _id: `${claimBase(type, key, values)}#1`,
        type,
        entityId: record._id,
        forVersion: record.version,
        at: new Date().toISOString(),
      });
    } catch (error: unknown) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

/**
 * Claims, once per key, the values records stored before the key was declared already hold, so a
 * key added to a schema (an order's one invoice) binds existing data too. Each key is marked done in
 * `migrations` under its definition, so a changed definition is back-filled again.
 */
export async function backfillKeyClaims(db: Db, types: readonly EntityType[]): Promise<number> {
  const marks = db.collection<{ _id: string; at: string }>('migrations');
  let seeded = 0;
  for (const type of types) {
    for (const key of claimedKeys(type)) {
      const id = `unique-key:${type}:${JSON.stringify(key)}`;
      if ((await marks.findOne({ _id: id })) !== null) continue;
      for await (const doc of db.collection<StoredEntity>(entityCollectionName(type)).find({})) {
        if (keyValues(key, doc) === undefined) continue;
        await seedKeyClaims(db, type, doc, [key]);
        seeded += 1;
      }
      try {
        await marks.insertOne({ _id: id, at: new Date().toISOString() });
      } catch (error: unknown) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
  return seeded;
}

/** The default list sort's index on a projection collection. */
export async function ensureEntityIndexes(collection: Collection<StoredEntity>): Promise<void> {
  await collection.createIndex({ updatedAt: -1, _id: -1 }, { name: 'list_updatedAt' });
}

/** The error for keys other records hold, naming each holder by its title (`INV-2026-000020`). */
async function duplicateKeyError(
  type: EntityType,
  record: Record<string, unknown>,
  taken: readonly TakenKey[],
  readHead: (type: EntityType, id: string) => Promise<StoredEntity | undefined>,
): Promise<DuplicateKeyError> {
  const titleField = getEntityMeta(type).titleField;
  const holders: DuplicateHolder[] = [];
  const details = [];
  for (const { key, holder } of taken) {
    const head = await committedHead(type, holder, readHead);
    const named = head?.[titleField];
    const title = typeof named === 'string' || typeof named === 'number' ? String(named) : holder;
    holders.push({ key: keyName(key), id: holder, title });
    const values = key.fields.map((f) => `${f} ${JSON.stringify(record[f])}`).join(' and ');
    for (const field of key.fields)
      details.push({ path: field, message: `${values} is already taken by ${title}` });
  }
  const names = taken.map(({ key }) => keyName(key)).join(', ');
  const by = holders.map((h) => h.title).join(', ');
  return new DuplicateKeyError(`another ${type} already has this ${names}: ${by}`, details, holders);
}

/**
 * The head of a record that holds a claim, waiting a little (about 2 s in all) while it is not
 * committed: a racing holder commits moments after its claim.
 */
export async function committedHead(
  type: EntityType,
  id: string,
  readHead: (type: EntityType, id: string) => Promise<StoredEntity | undefined>,
): Promise<StoredEntity | undefined> {
  for (let attempt = 0; ; attempt++) {
    const head = await readHead(type, id);
    if (head !== undefined || attempt === 8) return head;
    await new Promise((resolve) => setTimeout(resolve, jitteredDelay(attempt, 500)));
  }
}

/** Whether the store refused a write for a taken unique key (or `_id`): the atomic claim lost. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
