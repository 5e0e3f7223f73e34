import type { Collection } from 'mongodb';
import { getEntityMeta, type EntityType } from '../../schemas';
import type { StoredEntity } from './entity-document';
import { DuplicateKeyError } from './entity-errors';

/**
 * Creates the indexes of an entity collection: one unique index per unique key of the type (sku,
 * warehouse code, document numbers, compound keys), the outbox index the dispatcher scans, and the
 * default list sort.
 */
export async function ensureEntityIndexes(
  collection: Collection<StoredEntity>,
  type: EntityType,
): Promise<void> {
  for (const key of getEntityMeta(type).uniqueKeys) {
    await collection.createIndex(Object.fromEntries(key.map((field) => [field, 1])), {
      unique: true,
      name: `unique_${key.join('_')}`,
    });
  }
  await collection.createIndex({ '_events.dispatched': 1 }, { name: 'outbox_dispatched' });
  await collection.createIndex({ updatedAt: -1, _id: -1 }, { name: 'list_updatedAt' });
}

/**
 * The unique keys of `doc` another record already holds. FerretDB's duplicate-key error does not name
 * the index, so the repository asks for each key instead.
 */
export async function findTakenKeys(
  collection: Collection<StoredEntity>,
  type: EntityType,
  doc: Record<string, unknown> & { _id: string },
): Promise<string[][]> {
  const taken: string[][] = [];
  for (const key of getEntityMeta(type).uniqueKeys) {
    if (key.some((field) => doc[field] === undefined)) continue;
    const filter = Object.fromEntries(key.map((field) => [field, doc[field]]));
    const other = await collection.findOne({ ...filter, _id: { $ne: doc._id } }, { projection: { _id: 1 } });
    if (other !== null) taken.push([...key]);
  }
  return taken;
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
