import type { Collection, Db } from 'mongodb';
import { getEntityMeta, type EntityType } from '../../schemas';
import { sameValue } from '../events/change-event';
import type { StoredEntity } from './entity-document';
import { DuplicateKeyError } from './entity-errors';

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
export function claimedKeys(type: EntityType): string[][] {
  const meta = getEntityMeta(type);
  return meta.uniqueKeys
    .filter((key) => !(key.length === 1 && key[0] === meta.numbering?.field))
    .map((key) => [...key]);
}

function claimBase(type: EntityType, key: readonly string[], record: Record<string, unknown>): string {
  return `${type}|${key.join('+')}|${JSON.stringify(key.map((field) => record[field]))}`;
}

/**
 * Claims every unique key value `record` (the version about to be committed) holds and `previous`
 * did not, before the version is inserted. Throws {@link DuplicateKeyError} when another record holds
 * one. `readHead` reads a record's current version (see `readHead` in projection.ts).
 */
export async function claimUniqueKeys(
  db: Db,
  type: EntityType,
  record: StoredEntity,
  previous: StoredEntity | undefined,
  readHead: (type: EntityType, id: string) => Promise<StoredEntity | undefined>,
): Promise<void> {
  const taken: string[][] = [];
  for (const key of claimedKeys(type)) {
    if (key.some((field) => record[field] === undefined)) continue;
    if (previous !== undefined && key.every((field) => sameValue(previous[field], record[field]))) continue;
    if (!(await claimKey(db, type, key, record, readHead))) taken.push(key);
  }
  if (taken.length > 0) throw duplicateKeyError(type, record, taken);
}

async function claimKey(
  db: Db,
  type: EntityType,
  key: readonly string[],
  record: StoredEntity,
  readHead: (type: EntityType, id: string) => Promise<StoredEntity | undefined>,
): Promise<boolean> {
  const claims = keyClaims(db);
  const base = claimBase(type, key, record);
  for (let round = 0; round < 50; round++) {
    let top: KeyClaim | null = null;
    for (let generation = 1; ; generation++) {
      const found = await claims.findOne({ _id: `${base}#${generation}` });
      if (found === null) break;
      top = found;
    }
    if (top !== null) {
      const holder = await readHead(type, top.entityId);
      const pending = (holder?.version ?? 0) < top.forVersion;
      const holds = holder !== undefined && key.every((field) => sameValue(holder[field], record[field]));
      if (pending || holds) {
        if (top.entityId !== record._id) return false;
        // Ours: safe while pending for an earlier attempt at this version, or held by our head.
        if (top.forVersion >= record.version || holds) return true;
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
      return true;
    } catch (error: unknown) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw new Error(`could not claim ${base}: too much contention`);
}

/**
 * Records the claims of a record committed by the migration from the former layout, whose unique
 * indexes held its keys: generation 1, held by its current version.
 */
export async function seedKeyClaims(db: Db, type: EntityType, record: StoredEntity): Promise<void> {
  for (const key of claimedKeys(type)) {
    if (key.some((field) => record[field] === undefined)) continue;
    try {
      await keyClaims(db).insertOne({
        _id: `${claimBase(type, key, record)}#1`,
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

/** The default list sort's index on a projection collection. */
export async function ensureEntityIndexes(collection: Collection<StoredEntity>): Promise<void> {
  await collection.createIndex({ updatedAt: -1, _id: -1 }, { name: 'list_updatedAt' });
}

export function duplicateKeyError(
  type: EntityType,
  doc: Record<string, unknown>,
  keys: string[][],
): DuplicateKeyError {
  const details = keys.flatMap((key) =>
    key.map((field) => ({
      path: field,
      message: `${key.map((f) => `${f} ${JSON.stringify(doc[f])}`).join(' and ')} is already taken`,
    })),
  );
  const names = keys.map((key) => key.join('+')).join(', ');
  return new DuplicateKeyError(`another ${type} already has this ${names}`, details);
}

/** Whether the store refused a write for a taken unique key (or `_id`): the atomic claim lost. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
