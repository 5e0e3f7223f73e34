import type { Collection, Db } from 'mongodb';
import { getEntityMeta, type EntityType } from '../../schemas';
import { findDuplicates, normaliseEmail, normaliseName, type DuplicateProbe } from '../rules';
import { entityCollection, type StoredEntity } from './entity-document';

/** An existing record that may be the one just created; the UI offers to merge or link. */
export interface PossibleDuplicate {
  id: string;
  title: string;
  reason: 'sameEmail' | 'sameName' | 'similarName';
  /** 0–10000 basis points. */
  score: number;
}

/** Candidates read per key at most. */
const candidateLimit = 200;

/** The letters of the normalised name that pick candidates for the similarity score. */
const stemLength = 3;

/**
 * The duplicate-candidate keys of a record, stored as hidden fields on its current-state projection:
 * `_dupEmail` (the normalised email, see `normaliseEmail`) and `_dupName` (the first letters of the normalised
 * name). Types without `x-duplicate` fields have none.
 *
 * @example
 * duplicateKeysOf('account', { name: 'Müller GmbH', email: ' Info@Mueller.de ' });
 * // { _dupName: 'mul', _dupEmail: 'info@mueller.de' }
 */
export function duplicateKeysOf(
  type: EntityType,
  record: Record<string, unknown>,
): { _dupName?: string; _dupEmail?: string } {
  const { name, email } = probeOf(type, record);
  const stem = name === undefined ? '' : normaliseName(name).slice(0, stemLength);
  const normalisedEmail = email === undefined ? '' : normaliseEmail(email);
  return {
    ...(stem === '' ? {} : { _dupName: stem }),
    ...(normalisedEmail === '' ? {} : { _dupEmail: normalisedEmail }),
  };
}

/** The indexes the candidate lookups use, on each type with duplicate fields. */
export async function ensureDuplicateIndexes(collection: Collection<StoredEntity>, type: EntityType) {
  if (getEntityMeta(type).duplicateFields.length === 0) return;
  await collection.createIndex({ _dupName: 1 }, { name: 'duplicate_name' });
  await collection.createIndex({ _dupEmail: 1 }, { name: 'duplicate_email' });
}

/**
 * Finds records of the same type that may duplicate `doc`, by its `x-duplicate` fields. Candidates
 * come from two indexed equality lookups (the same normalised email, the same name stem), so the
 * cost does not grow with the collection; they are then scored with `findDuplicates`. Types without
 * duplicate fields get `[]`.
 */
export async function findPossibleDuplicates(
  db: Db,
  type: EntityType,
  doc: Record<string, unknown> & { _id: string },
): Promise<PossibleDuplicate[]> {
  const meta = getEntityMeta(type);
  if (meta.duplicateFields.length === 0) return [];
  const keys = duplicateKeysOf(type, doc);
  const collection = entityCollection(db, type);
  const lookups = Object.entries(keys).map(([field, value]) =>
    collection
      .find({ [field]: value, archived: false })
      .limit(candidateLimit + 1)
      .toArray(),
  );
  const byId = new Map<string, StoredEntity>();
  for (const found of await Promise.all(lookups))
    for (const c of found) if (c._id !== doc._id) byId.set(c._id, c);
  const candidates = [...byId.values()];
  const titles = new Map(
    candidates.map((c) => [
      c._id,
      typeof c[meta.titleField] === 'string' ? (c[meta.titleField] as string) : c._id,
    ]),
  );
  return findDuplicates(
    { id: doc._id, ...probeOf(type, doc) },
    candidates.map((c) => ({ id: c._id, ...probeOf(type, c) })),
  ).map((match) => ({
    id: match.id,
    title: titles.get(match.id) ?? match.id,
    reason: match.reasons[0] ?? 'similarName',
    score: match.scoreBp,
  }));
}

function probeOf(type: EntityType, record: Record<string, unknown>): DuplicateProbe {
  const meta = getEntityMeta(type);
  const nameField = meta.duplicateFields.find((f) => f.kind === 'name')?.path;
  const emailField = meta.duplicateFields.find((f) => f.kind === 'email')?.path;
  const name = nameField === undefined ? undefined : record[nameField];
  const email = emailField === undefined ? undefined : record[emailField];
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof email === 'string' ? { email } : {}),
  };
}
